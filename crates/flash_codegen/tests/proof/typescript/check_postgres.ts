// Calls every function generated for tests/proof/postgresql against a fresh database (pg) and checks what comes
// back. pg hands bigint and numeric back as strings, so nothing is rounded. Usage: node check.js DATABASE_URL.
import { Client } from "pg";
import * as users from "./gen/users";
import * as posts from "./gen/posts";
import { eq, finish, must } from "./checks";

const EXTERNAL = "12345678-1234-5678-1234-567812345678";

async function main(): Promise<void> {
  const db = new Client({ connectionString: process.argv[2] });
  await db.connect();

  const ada = must(await users.createUser(db, { email: "ada@x.io", name: "Ada", bio: null, role: "admin", tags: ["a", "b"],
    settings: { theme: "dark" }, balance: "10.50", externalId: EXTERNAL }));
  eq("create_user", [ada.id, ada.bio, ada.role, ada.tags, ada.settings, ada.balance, ada.externalId],
    ["1", null, "admin", ["a", "b"], { theme: "dark" }, "10.50", EXTERNAL]);
  eq("create_user created_at", ada.createdAt instanceof Date, true);
  const bob = must(await users.createUser(db, { email: "bob@x.io", name: "Bob", bio: "hi", role: "member", tags: [],
    settings: null, balance: "0", externalId: null }));
  eq("create_user second", [bob.id, bob.settings, bob.externalId, bob.tags], ["2", null, null, []]);

  eq("get_user", must(await users.getUser(db, { id: "1" })).email, "ada@x.io");
  eq("get_user missing", await users.getUser(db, { id: "99" }), null);
  const got = must(await users.getUserByEmail(db, { email: "bob@x.io" }));
  eq("get_user_by_email", [got.id, got.role], ["2", "member"]);
  eq("list_users", (await users.listUsers(db, { limit: "10", offset: "1" })).map((u) => u.id), ["2"]);
  eq("list_users_by_ids", (await users.listUsersByIDs(db, { ids: ["1", "2", "3"] })).map((u) => u.id), ["1", "2"]);
  eq("list_users_in_list", (await users.listUsersInList(db, { id: "2", id2: "1" })).map((u) => u.id), ["1", "2"]);
  eq("update_user_bio", await users.updateUserBio(db, { bio: "new", id: "1" }), 1);
  eq("update_user_bio none", await users.updateUserBio(db, { bio: null, id: "99" }), 0);
  eq("count_users", must(await users.countUsers(db)).total, "2");
  const stats = must(await users.userStats(db));
  eq("user_stats", [stats.n, stats.totalBalance, Number(stats.avgBalance), stats.firstName, stats.maxId], ["2", "10.50", 5.25, "Ada", "2"]);
  eq("search_users", (await users.searchUsers(db, { name: "b%" })).map((u) => u.id), ["2"]);
  eq("users_in_range", (await users.usersInRange(db, { idStart: "1", idEnd: "1" })).map((u) => u.id), ["1"]);
  const up = must(await users.upsertUser(db, { email: "ada@x.io", name: "Ada L" }));
  eq("upsert_user", [up.id, up.name], ["1", "Ada L"]);
  const res = await users.insertUserResult(db, { email: "cy@x.io", name: "Cy" });
  eq("insert_user_result", [res.rowsAffected, res.lastInsertId], [1, null]);
  const cy = Number(must(await users.getUserByEmail(db, { email: "cy@x.io" })).id);
  eq("copy_users", await users.copyUsers(db, [{ email: "d@x.io", name: "D", bio: null }, { email: "e@x.io", name: "E", bio: "e" }]), 2);
  const display = await users.userDisplay(db);
  eq("user_display first", [display[0].bioText, display[0].rank, display[0].balanceFloat, display[0].label, display[0].tagCount],
    ["new", "boss", 10.5, "Ada L <ada@x.io>", 2]);
  eq("user_display second", [display[1].bioText, display[1].rank, display[1].tagCount], ["hi", "crew", 0]);
  const settings = must(await users.userSettings(db, { id: "1" }));
  eq("user_settings", [settings.settings, settings.theme, settings.tags, settings.externalId], [{ theme: "dark" }, "dark", ["a", "b"], EXTERNAL]);
  eq("users_by_role", (await users.usersByRole(db, { role: "admin" })).map((u) => u.id), ["1"]);
  const role = must(await users.setRole(db, { id: "2", role: "guest" }));
  eq("set_role", [role.id, role.role], ["2", "guest"]);
  eq("find_by_email_or_name", (await users.findByEmailOrName(db, { term: "Bob" })).map((u) => u.id), ["2"]);
  eq("tag_user", await users.tagUser(db, { tag: "c", id: "1" }), 1);
  eq("tag_user tags", must(await users.userSettings(db, { id: "1" })).tags, ["a", "b", "c"]);
  eq("users_with_tag", (await users.usersWithTag(db, { tag: "c" })).map((u) => u.id), ["1"]);
  await users.deleteUser(db, { id: String(cy + 2) });
  eq("delete_user", must(await users.countUsers(db)).total, "4");

  const p1 = must(await posts.createPost(db, { userId: "1", title: "P1", body: "b1", publishedOn: new Date(2024, 0, 2) }));
  eq("create_post", [p1.id, p1.userId, p1.title, p1.publishedOn?.getDate()], [1, "1", "P1", 2]);
  await posts.createPost(db, { userId: "1", title: "P2", body: null, publishedOn: null });
  await posts.createPost(db, { userId: "2", title: "P3", body: "b3", publishedOn: new Date(2024, 2, 4) });
  eq("list_posts_with_authors", (await posts.listPostsWithAuthors(db)).map((r) => [r.id, r.title, r.author, r.authorRole]),
    [[1, "P1", "Ada L", "admin"], [2, "P2", "Ada L", "admin"], [3, "P3", "Bob", "guest"]]);
  eq("list_users_with_posts", (await posts.listUsersWithPosts(db)).map((r) => [r.id, r.postId, r.title]),
    [["1", 1, "P1"], ["1", 2, "P2"], ["2", 3, "P3"], [String(cy), null, null], [String(cy + 1), null, null]]);
  eq("posts_of_user", (await posts.postsOfUser(db, { userId: "1" })).map((p) => [p.id, p.views, p.body]), [[1, 0, "b1"], [2, 0, null]]);
  eq("top_authors", (await posts.topAuthors(db, { n: "1" })).map((r) => [r.name, r.n]), [["Ada L", "2"], ["Bob", "1"]]);
  eq("recent_post_titles", (await posts.recentPostTitles(db, { limit: "2" })).map((r) => r.title), ["P2", "P3"]);
  eq("users_without_posts", (await posts.usersWithoutPosts(db)).map((r) => r.id), [String(cy), String(cy + 1)]);
  eq("posts_by_author_email", (await posts.postsByAuthorEmail(db, { email: "bob@x.io" })).map((r) => r.id), [3]);
  eq("add_views", await posts.addViews(db, { views: 5, userId: "1" }), 2);
  eq("latest_post_title", must(await posts.latestPostTitle(db, { id: "1" })).latestTitle, "P2");
  eq("latest_post_title none", must(await posts.latestPostTitle(db, { id: String(cy) })).latestTitle, null);
  eq("copy_posts_of_user", await posts.copyPostsOfUser(db, { body: "copied", userId: "2" }), 1);
  eq("delete_posts_of_user", (await posts.deletePostsOfUser(db, { userId: "2" })).map((r) => r.title).sort(), ["P3", "P3 (copy)"]);
  const renamed = must(await posts.renamePost(db, { title: "P1b", id: 1 }));
  eq("rename_post", [renamed.id, renamed.title, renamed.views], [1, "P1b", 5]);
  eq("post_views_total", must(await posts.postViewsTotal(db, { userId: "1" })).totalViews, "10");
  eq("post_views_total empty", must(await posts.postViewsTotal(db, { userId: String(cy) })).totalViews, "0");
  eq("all_titles_and_names", (await posts.allTitlesAndNames(db)).map((r) => r.label).sort(), ["Ada L", "Bob", "Cy", "D", "P1b", "P2"]);
  const since = await posts.postsPublishedSince(db, { publishedOn: new Date(2024, 0, 1) });
  eq("posts_published_since", since.map((r) => r.id), [1]);
  await db.end();
  finish();
}

main().catch((e: unknown) => {
  console.log("error:", e);
  process.exitCode = 1;
});
