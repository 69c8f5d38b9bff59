// Calls every function generated for tests/proof/postgresql against a fresh database and checks what comes back.
// The connection and the numeric type come from the driver's conn_postgres_*.go. Usage: check DATABASE_URL.
package main

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"time"

	gen "flashgen"
)

func main() {
	ctx := context.Background()
	q := gen.New(connect(ctx, os.Args[1]))
	external := "12345678-1234-5678-1234-567812345678"

	ada := must(q.CreateUser(ctx, gen.CreateUserParams{Email: "ada@x.io", Name: "Ada", Role: gen.UserRoleAdmin, Tags: []string{"a", "b"},
		Settings: json.RawMessage(`{"theme":"dark"}`), Balance: num("10.50"), ExternalID: &external}))
	eq("create_user", []interface{}{ada.ID, ada.Bio, ada.Role, ada.Tags, theme(ada.Settings), decf(ada.Balance), *ada.ExternalID},
		[]interface{}{int64(1), (*string)(nil), gen.UserRoleAdmin, []string{"a", "b"}, "dark", 10.5, external})
	eq("create_user created_at", ada.CreatedAt.IsZero(), false)
	bob := must(q.CreateUser(ctx, gen.CreateUserParams{Email: "bob@x.io", Name: "Bob", Bio: ptr("hi"), Role: gen.UserRoleMember, Tags: []string{}, Balance: num("0")}))
	eq("create_user second", []interface{}{bob.ID, bob.Settings == nil, bob.ExternalID, len(bob.Tags)}, []interface{}{int64(2), true, (*string)(nil), 0})

	eq("get_user", must(q.GetUser(ctx, 1)).Email, "ada@x.io")
	_, err := q.GetUser(ctx, 99)
	eq("get_user missing", err != nil, true)
	got := must(q.GetUserByEmail(ctx, "bob@x.io"))
	eq("get_user_by_email", []interface{}{got.ID, got.Role}, []interface{}{int64(2), gen.UserRoleMember})
	eq("list_users", ids(must(q.ListUsers(ctx, 10, 1)), func(r gen.ListUsersRow) int64 { return r.ID }), []int64{2})
	eq("list_users_by_ids", ids(must(q.ListUsersByIDs(ctx, []int64{1, 2, 3})), func(r gen.ListUsersByIDsRow) int64 { return r.ID }), []int64{1, 2})
	eq("list_users_in_list", ids(must(q.ListUsersInList(ctx, 2, 1)), func(r gen.ListUsersInListRow) int64 { return r.ID }), []int64{1, 2})
	eq("update_user_bio", must(q.UpdateUserBio(ctx, ptr("new"), 1)), int64(1))
	eq("update_user_bio none", must(q.UpdateUserBio(ctx, nil, 99)), int64(0))
	eq("count_users", must(q.CountUsers(ctx)).Total, int64(2))
	stats := must(q.UserStats(ctx))
	eq("user_stats", []interface{}{stats.N, decn(stats.TotalBalance), decn(stats.AvgBalance), *stats.FirstName, *stats.MaxID},
		[]interface{}{int64(2), 10.5, 5.25, "Ada", int64(2)})
	eq("search_users", ids(must(q.SearchUsers(ctx, "b%")), func(r gen.SearchUsersRow) int64 { return r.ID }), []int64{2})
	eq("users_in_range", ids(must(q.UsersInRange(ctx, 1, 1)), func(r gen.UsersInRangeRow) int64 { return r.ID }), []int64{1})
	up := must(q.UpsertUser(ctx, "ada@x.io", "Ada L"))
	eq("upsert_user", []interface{}{up.ID, up.Name}, []interface{}{int64(1), "Ada L"})
	must(q.InsertUserResult(ctx, "cy@x.io", "Cy"))
	cy := must(q.GetUserByEmail(ctx, "cy@x.io")).ID
	eq("copy_users", must(q.CopyUsers(ctx, []gen.CopyUsersParams{{Email: "d@x.io", Name: "D"}, {Email: "e@x.io", Name: "E", Bio: ptr("e")}})), int64(2))
	display := must(q.UserDisplay(ctx))
	eq("user_display first", []interface{}{display[0].BioText, display[0].Rank, display[0].BalanceFloat, display[0].Label, *display[0].TagCount},
		[]interface{}{"new", "boss", 10.5, "Ada L <ada@x.io>", int32(2)})
	eq("user_display second", []interface{}{display[1].BioText, display[1].Rank, *display[1].TagCount}, []interface{}{"hi", "crew", int32(0)})
	settings := must(q.UserSettings(ctx, 1))
	eq("user_settings", []interface{}{theme(settings.Settings), *settings.Theme, settings.Tags, *settings.ExternalID},
		[]interface{}{"dark", "dark", []string{"a", "b"}, external})
	eq("users_by_role", ids(must(q.UsersByRole(ctx, gen.UserRoleAdmin)), func(r gen.UsersByRoleRow) int64 { return r.ID }), []int64{1})
	role := must(q.SetRole(ctx, 2, gen.UserRoleGuest))
	eq("set_role", []interface{}{role.ID, role.Role}, []interface{}{int64(2), gen.UserRoleGuest})
	eq("find_by_email_or_name", ids(must(q.FindByEmailOrName(ctx, "Bob")), func(r gen.FindByEmailOrNameRow) int64 { return r.ID }), []int64{2})
	eq("tag_user", must(q.TagUser(ctx, "c", 1)), int64(1))
	eq("tag_user tags", must(q.UserSettings(ctx, 1)).Tags, []string{"a", "b", "c"})
	eq("users_with_tag", ids(must(q.UsersWithTag(ctx, "c")), func(r gen.UsersWithTagRow) int64 { return r.ID }), []int64{1})
	ok(q.DeleteUser(ctx, cy+2))
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
	eq("users_without_posts", ids(must(q.UsersWithoutPosts(ctx)), func(r gen.UsersWithoutPostsRow) int64 { return r.ID }), []int64{cy, cy + 1})
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
	renamed := must(q.RenamePost(ctx, "P1b", 1))
	eq("rename_post", []interface{}{renamed.ID, renamed.Title, renamed.Views}, []interface{}{int32(1), "P1b", int32(5)})
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
