// Calls every function generated for tests/proof/mysql against a fresh MariaDB database (go-sql-driver/mysql
// through database/sql) and checks what comes back. Usage: check DATABASE_URL.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/url"
	"os"
	"sort"
	"time"

	gen "flashgen"

	_ "github.com/go-sql-driver/mysql"
)

func main() {
	ctx := context.Background()
	u := must(url.Parse(os.Args[1]))
	password, _ := u.User.Password()
	dsn := u.User.Username() + ":" + password + "@tcp(" + u.Host + ")" + u.Path + "?parseTime=true"
	db := must(sql.Open("mysql", dsn))
	ok(db.PingContext(ctx))
	q := gen.New(db)

	ada := must(q.CreateUser(ctx, gen.CreateUserParams{Email: "ada@x.io", Name: "Ada", Role: gen.UsersRoleAdmin, IsActive: true,
		Settings: json.RawMessage(`{"theme":"dark"}`), Balance: "10.25"}))
	eq("create_user", []interface{}{ada.ID, ada.Bio, ada.Role, ada.IsActive, theme(ada.Settings), ada.Balance},
		[]interface{}{int64(1), (*string)(nil), gen.UsersRoleAdmin, true, "dark", "10.25"})
	eq("create_user created_at", ada.CreatedAt.IsZero(), false)
	bob := must(q.CreateUser(ctx, gen.CreateUserParams{Email: "bob@x.io", Name: "Bob", Bio: ptr("hi"), Role: gen.UsersRoleMember, Balance: "0"}))
	eq("create_user second", []interface{}{bob.ID, bob.Settings == nil, bob.IsActive}, []interface{}{int64(2), true, false})

	eq("get_user", must(q.GetUser(ctx, 1)).Email, "ada@x.io")
	_, err := q.GetUser(ctx, 99)
	eq("get_user missing", err, sql.ErrNoRows)
	got := must(q.GetUserByEmail(ctx, "bob@x.io"))
	eq("get_user_by_email", []interface{}{got.ID, got.Role}, []interface{}{int64(2), gen.UsersRoleMember})
	eq("list_users", ids(must(q.ListUsers(ctx, 10, 1)), func(r gen.ListUsersRow) int64 { return r.ID }), []int64{2})
	eq("list_users_by_ids", ids(must(q.ListUsersByIDs(ctx, 1, 2, 3)), func(r gen.ListUsersByIDsRow) int64 { return r.ID }), []int64{1, 2})
	eq("update_user_bio", must(q.UpdateUserBio(ctx, ptr("new"), 1)), int64(1))
	eq("update_user_bio none", must(q.UpdateUserBio(ctx, nil, 99)), int64(0))
	eq("count_users", must(q.CountUsers(ctx)).Total, int64(2))
	stats := must(q.UserStats(ctx))
	eq("user_stats", []interface{}{stats.N, *stats.TotalBalance, *stats.AvgBalance, *stats.FirstName, *stats.MaxID},
		[]interface{}{int64(2), "10.25", "5.125000", "Ada", int64(2)})
	eq("search_users", ids(must(q.SearchUsers(ctx, "b%")), func(r gen.SearchUsersRow) int64 { return r.ID }), []int64{2})
	eq("users_in_range", ids(must(q.UsersInRange(ctx, 1, 1)), func(r gen.UsersInRangeRow) int64 { return r.ID }), []int64{1})
	eq("upsert_user", must(q.UpsertUser(ctx, "ada@x.io", "Ada L")), int64(2))
	res := must(q.InsertUserResult(ctx, "cy@x.io", "Cy"))
	cy := must(res.LastInsertId())
	eq("insert_user_result", []interface{}{must(res.RowsAffected()), cy}, []interface{}{int64(1), must(q.GetUserByEmail(ctx, "cy@x.io")).ID})
	eq("copy_users", must(q.CopyUsers(ctx, []gen.CopyUsersParams{{Email: "d@x.io", Name: "D"}, {Email: "e@x.io", Name: "E", Bio: ptr("e")}})), int64(2))
	display := must(q.UserDisplay(ctx))
	eq("user_display first", []interface{}{display[0].BioText, display[0].Rank, display[0].BalanceInt, display[0].Label},
		[]interface{}{"new", "boss", int64(10), "Ada L <ada@x.io>"})
	eq("user_display second", []interface{}{display[1].BioText, display[1].Rank, display[1].BalanceInt}, []interface{}{"hi", "crew", int64(0)})
	settings := must(q.UserSettings(ctx, 1))
	eq("user_settings", []interface{}{theme(settings.Settings), settings.IsActive, settings.CreatedAt.IsZero()}, []interface{}{"dark", true, false})
	eq("users_by_role", ids(must(q.UsersByRole(ctx, gen.UsersRoleAdmin)), func(r gen.UsersByRoleRow) int64 { return r.ID }), []int64{1})
	eq("set_role", must(q.SetRole(ctx, gen.UsersRoleGuest, 2)), int64(1))
	eq("find_by_email_or_name", ids(must(q.FindByEmailOrName(ctx, "Bob")), func(r gen.FindByEmailOrNameRow) int64 { return r.ID }), []int64{2})
	d := must(q.GetUserByEmail(ctx, "d@x.io")).ID
	eq("named_after_id", ids(must(q.NamedAfterID(ctx, "D", 0)), func(r gen.NamedAfterIDRow) int64 { return r.ID }), []int64{d})
	ok(q.DeleteUser(ctx, must(q.GetUserByEmail(ctx, "e@x.io")).ID))
	eq("delete_user", must(q.CountUsers(ctx)).Total, int64(4))

	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	p1 := must(q.CreatePost(ctx, gen.CreatePostParams{UserID: 1, Title: "P1", Body: ptr("b1"), PublishedOn: &day}))
	eq("create_post", []interface{}{p1.ID, p1.UserID, p1.Title, p1.PublishedOn.Format("2006-01-02")}, []interface{}{int32(1), int64(1), "P1", "2024-01-02"})
	must(q.CreatePost(ctx, gen.CreatePostParams{UserID: 1, Title: "P2"}))
	must(q.CreatePost(ctx, gen.CreatePostParams{UserID: 2, Title: "P3", Body: ptr("b3")}))
	var authors []string
	for _, r := range must(q.ListPostsWithAuthors(ctx)) {
		authors = append(authors, r.Title+"/"+r.Author+"/"+string(r.AuthorRole))
	}
	eq("list_posts_with_authors", authors, []string{"P1/Ada L/admin", "P2/Ada L/admin", "P3/Bob/guest"})
	joined := must(q.ListUsersWithPosts(ctx))
	eq("list_users_with_posts", []interface{}{len(joined), *joined[0].PostID, *joined[2].Title, joined[3].PostID, joined[3].Title}, []interface{}{5, int32(1), "P3", (*int32)(nil), (*string)(nil)})
	posts := must(q.PostsOfUser(ctx, 1))
	eq("posts_of_user", []interface{}{len(posts), posts[0].Views, *posts[0].Body, posts[1].Body}, []interface{}{2, int32(0), "b1", (*string)(nil)})
	var top []string
	for _, r := range must(q.TopAuthors(ctx, 1)) {
		top = append(top, r.Name)
	}
	eq("top_authors", top, []string{"Ada L", "Bob"})
	var recent []string
	for _, r := range must(q.RecentPostTitles(ctx, 2)) {
		recent = append(recent, r.Title)
	}
	eq("recent_post_titles", recent, []string{"P2", "P3"})
	eq("users_without_posts", ids(must(q.UsersWithoutPosts(ctx)), func(r gen.UsersWithoutPostsRow) int64 { return r.ID }), []int64{cy, d})
	eq("posts_by_author_email", len(must(q.PostsByAuthorEmail(ctx, "bob@x.io"))), 1)
	eq("add_views", must(q.AddViews(ctx, 5, 1)), int64(2))
	eq("latest_post_title", *must(q.LatestPostTitle(ctx, 1)).LatestTitle, "P2")
	eq("latest_post_title none", must(q.LatestPostTitle(ctx, cy)).LatestTitle, (*string)(nil))
	eq("copy_posts_of_user", must(q.CopyPostsOfUser(ctx, ptr("copied"), 2)), int64(1))
	var deleted []string
	for _, r := range must(q.DeletePostsOfUser(ctx, 2)) {
		deleted = append(deleted, r.Title)
	}
	sort.Strings(deleted)
	eq("delete_posts_of_user", deleted, []string{"P3", "P3 (copy)"})
	eq("rename_post", must(q.RenamePost(ctx, "P1b", 1)), int64(1))
	eq("post_views_total", must(q.PostViewsTotal(ctx, 1)).TotalViews, int64(10))
	eq("post_views_total empty", must(q.PostViewsTotal(ctx, cy)).TotalViews, int64(0))
	var labels []string
	for _, r := range must(q.AllTitlesAndNames(ctx)) {
		labels = append(labels, r.Label)
	}
	sort.Strings(labels)
	eq("all_titles_and_names", labels, []string{"Ada L", "Bob", "Cy", "D", "P1b", "P2"})
	since := must(q.PostsPublishedSince(ctx, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	eq("posts_published_since", []interface{}{len(since), since[0].ID}, []interface{}{1, int32(1)})
	finish()
}

func theme(raw json.RawMessage) string {
	var v map[string]string
	ok(json.Unmarshal(raw, &v))
	return v["theme"]
}

func ids[T any](rows []T, id func(T) int64) []int64 {
	out := []int64{}
	for _, r := range rows {
		out = append(out, id(r))
	}
	return out
}
