// Calls every function generated for tests/proof/sqlite against a fresh in-memory database (mattn/go-sqlite3
// through database/sql) and checks what comes back. Usage: check SCHEMA_SQL.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"sort"

	gen "flashgen"

	_ "github.com/mattn/go-sqlite3"
)

func main() {
	ctx := context.Background()
	schema := must(os.ReadFile(os.Args[1]))
	db := must(sql.Open("sqlite3", ":memory:"))
	db.SetMaxOpenConns(1)
	must(db.ExecContext(ctx, string(schema)))
	q := gen.New(db)

	ada := must(q.CreateUser(ctx, gen.CreateUserParams{Email: "ada@x.io", Name: "Ada", IsAdmin: true, Score: ptr(1.5), Settings: json.RawMessage(`{"theme":"dark"}`)}))
	eq("create_user", []interface{}{ada.ID, ada.Bio, ada.IsAdmin, *ada.Score, string(ada.Settings)}, []interface{}{int64(1), (*string)(nil), true, 1.5, `{"theme":"dark"}`})
	bob := must(q.CreateUser(ctx, gen.CreateUserParams{Email: "bob@x.io", Name: "Bob", Bio: ptr("hi")}))
	eq("create_user second", []interface{}{bob.ID, bob.Score, bob.Settings == nil}, []interface{}{int64(2), (*float64)(nil), true})

	eq("get_user", must(q.GetUser(ctx, 1)).Email, "ada@x.io")
	_, err := q.GetUser(ctx, 99)
	eq("get_user missing", err, sql.ErrNoRows)
	eq("get_user_by_email", must(q.GetUserByEmail(ctx, "bob@x.io")).ID, int64(2))
	eq("list_users limit/offset", ids(must(q.ListUsers(ctx, 10, 1)), func(r gen.ListUsersRow) int64 { return r.ID }), []int64{2})
	eq("list_users_by_ids", ids(must(q.ListUsersByIDs(ctx, 1, 2, 3)), func(r gen.ListUsersByIDsRow) int64 { return r.ID }), []int64{1, 2})
	eq("update_user_bio", must(q.UpdateUserBio(ctx, ptr("new"), 1)), int64(1))
	eq("update_user_bio none", must(q.UpdateUserBio(ctx, nil, 99)), int64(0))
	eq("count_users", must(q.CountUsers(ctx)).Total, int64(2))
	stats := must(q.UserStats(ctx))
	eq("user_stats", []interface{}{stats.N, *stats.TotalScore, *stats.AvgScore, *stats.FirstName, *stats.MaxID}, []interface{}{int64(2), 1.5, 1.5, "Ada", int64(2)})
	eq("search_users", ids(must(q.SearchUsers(ctx, "B%")), func(r gen.SearchUsersRow) int64 { return r.ID }), []int64{2})
	eq("users_in_range", ids(must(q.UsersInRange(ctx, 1, 1)), func(r gen.UsersInRangeRow) int64 { return r.ID }), []int64{1})
	up := must(q.UpsertUser(ctx, "ada@x.io", "Ada L"))
	eq("upsert_user", []interface{}{up.ID, up.Name}, []interface{}{int64(1), "Ada L"})
	res := must(q.InsertUserResult(ctx, "cy@x.io", "Cy"))
	cy := must(res.LastInsertId())
	eq("insert_user_result", []interface{}{must(res.RowsAffected()), cy}, []interface{}{int64(1), int64(4)})
	eq("copy_users", must(q.CopyUsers(ctx, []gen.CopyUsersParams{{Email: "d@x.io", Name: "D"}, {Email: "e@x.io", Name: "E", Bio: ptr("e")}})), int64(2))
	display := must(q.UserDisplay(ctx))
	eq("user_display first", []interface{}{display[0].BioText, display[0].Role, *display[0].ScoreInt, display[0].Label}, []interface{}{"new", "admin", int64(1), "Ada L <ada@x.io>"})
	eq("user_display second", []interface{}{display[1].BioText, display[1].Role, display[1].ScoreInt}, []interface{}{"hi", "member", (*int64)(nil)})
	settings := must(q.UserSettings(ctx, 1))
	eq("user_settings", []interface{}{string(settings.Settings), settings.IsAdmin}, []interface{}{`{"theme":"dark"}`, true})
	eq("find_by_email_or_name", ids(must(q.FindByEmailOrName(ctx, "Bob")), func(r gen.FindByEmailOrNameRow) int64 { return r.ID }), []int64{2})
	eq("named_after_id", ids(must(q.NamedAfterID(ctx, "D", 0)), func(r gen.NamedAfterIDRow) int64 { return r.ID }), []int64{cy + 1})
	ok(q.DeleteUser(ctx, cy+2))
	eq("delete_user", must(q.CountUsers(ctx)).Total, int64(4))

	p1 := must(q.CreatePost(ctx, 1, "P1", ptr("b1")))
	eq("create_post", []interface{}{p1.ID, p1.UserID, p1.Title}, []interface{}{int64(1), int64(1), "P1"})
	must(q.CreatePost(ctx, 1, "P2", nil))
	must(q.CreatePost(ctx, 2, "P3", ptr("b3")))
	var authors []string
	for _, r := range must(q.ListPostsWithAuthors(ctx)) {
		authors = append(authors, r.Title+"/"+r.Author)
	}
	eq("list_posts_with_authors", authors, []string{"P1/Ada L", "P2/Ada L", "P3/Bob"})
	joined := must(q.ListUsersWithPosts(ctx))
	eq("list_users_with_posts", []interface{}{len(joined), *joined[0].PostID, *joined[2].Title, joined[3].PostID, joined[3].Title}, []interface{}{5, int64(1), "P3", (*int64)(nil), (*string)(nil)})
	posts := must(q.PostsOfUser(ctx, 1))
	eq("posts_of_user", []interface{}{len(posts), posts[0].Views, *posts[0].Body, posts[1].Body}, []interface{}{2, int64(0), "b1", (*string)(nil)})
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
	eq("users_without_posts", ids(must(q.UsersWithoutPosts(ctx)), func(r gen.UsersWithoutPostsRow) int64 { return r.ID }), []int64{cy, cy + 1})
	eq("posts_by_author_email", ids(must(q.PostsByAuthorEmail(ctx, "bob@x.io")), func(r gen.PostsByAuthorEmailRow) int64 { return r.ID }), []int64{3})
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
	renamed := must(q.RenamePost(ctx, "P1b", 1))
	eq("rename_post", []interface{}{renamed.ID, renamed.Title, renamed.Views}, []interface{}{int64(1), "P1b", int64(5)})
	eq("post_views_total", must(q.PostViewsTotal(ctx, 1)).TotalViews, int64(10))
	eq("post_views_total empty", must(q.PostViewsTotal(ctx, cy)).TotalViews, int64(0))
	var labels []string
	for _, r := range must(q.AllTitlesAndNames(ctx)) {
		labels = append(labels, r.Label)
	}
	eq("all_titles_and_names", sort.StringsAreSorted(labels) && len(labels) == 6, true)
	finish()
}

func ids[T any](rows []T, id func(T) int64) []int64 {
	out := []int64{}
	for _, r := range rows {
		out = append(out, id(r))
	}
	return out
}
