// Calls every function generated for tests/proof/mysql against a fresh MariaDB database (mysql2) and checks what
// comes back. Usage: node check.js DATABASE_URL.
import { createConnection } from "mysql2/promise";
import * as users from "./gen/users";
import * as posts from "./gen/posts";
import { eq, finish, must } from "./checks";

async function main(): Promise<void> {
  const db = await createConnection(process.argv[2]);

  const ada = must(await users.createUser(db, { email: "ada@x.io", name: "Ada", bio: null, role: "admin", isActive: true,
    settings: { theme: "dark" }, balance: "10.25" }));
  eq("create_user", [ada.id, ada.bio, ada.role, ada.isActive, ada.settings, ada.balance], [1, null, "admin", true, { theme: "dark" }, "10.25"]);
  eq("create_user created_at", ada.createdAt instanceof Date, true);
  const bob = must(await users.createUser(db, { email: "bob@x.io", name: "Bob", bio: "hi", role: "member", isActive: false,
    settings: null, balance: "0" }));
  eq("create_user second", [bob.id, bob.settings, bob.isActive], [2, null, false]);

  eq("get_user", must(await users.getUser(db, { id: 1 })).email, "ada@x.io");
  eq("get_user missing", await users.getUser(db, { id: 99 }), null);
  const got = must(await users.getUserByEmail(db, { email: "bob@x.io" }));
  eq("get_user_by_email", [got.id, got.role], [2, "member"]);
  eq("list_users", (await users.listUsers(db, { limit: 10, offset: 1 })).map((u) => u.id), [2]);
  eq("list_users_by_ids", (await users.listUsersByIDs(db, { id: 1, id2: 2, id3: 3 })).map((u) => u.id), [1, 2]);
  eq("update_user_bio", await users.updateUserBio(db, { bio: "new", id: 1 }), 1);
  eq("update_user_bio none", await users.updateUserBio(db, { bio: null, id: 99 }), 0);
  eq("count_users", must(await users.countUsers(db)).total, 2);
  const stats = must(await users.userStats(db));
  eq("user_stats", [stats.n, stats.totalBalance, Number(stats.avgBalance), stats.firstName, stats.maxId], [2, "10.25", 5.125, "Ada", 2]);
  eq("search_users", (await users.searchUsers(db, { name: "b%" })).map((u) => u.id), [2]);
  eq("users_in_range", (await users.usersInRange(db, { idStart: 1, idEnd: 1 })).map((u) => u.id), [1]);
  eq("upsert_user", await users.upsertUser(db, { email: "ada@x.io", name: "Ada L" }), 2);
  const res = await users.insertUserResult(db, { email: "cy@x.io", name: "Cy" });
  const cy = must(res.lastInsertId);
  eq("insert_user_result", [res.rowsAffected, cy], [1, must(await users.getUserByEmail(db, { email: "cy@x.io" })).id]);
  eq("copy_users", await users.copyUsers(db, [{ email: "d@x.io", name: "D", bio: null }, { email: "e@x.io", name: "E", bio: "e" }]), 2);
  const display = await users.userDisplay(db);
  eq("user_display first", [display[0].bioText, display[0].rank, display[0].balanceInt, display[0].label], ["new", "boss", 10, "Ada L <ada@x.io>"]);
  eq("user_display second", [display[1].bioText, display[1].rank, display[1].balanceInt], ["hi", "crew", 0]);
  const settings = must(await users.userSettings(db, { id: 1 }));
  eq("user_settings", [settings.settings, settings.isActive, settings.createdAt instanceof Date], [{ theme: "dark" }, true, true]);
  eq("users_by_role", (await users.usersByRole(db, { role: "admin" })).map((u) => u.id), [1]);
  eq("set_role", await users.setRole(db, { role: "guest", id: 2 }), 1);
  eq("find_by_email_or_name", (await users.findByEmailOrName(db, { term: "Bob" })).map((u) => u.id), [2]);
  const d = must(await users.getUserByEmail(db, { email: "d@x.io" })).id;
  eq("named_after_id", (await users.namedAfterID(db, { name: "D", id: 0 })).map((u) => u.id), [d]);
  await users.deleteUser(db, { id: must(await users.getUserByEmail(db, { email: "e@x.io" })).id });
  eq("delete_user", must(await users.countUsers(db)).total, 4);

  const p1 = must(await posts.createPost(db, { userId: 1, title: "P1", body: "b1", publishedOn: new Date(2024, 0, 2) }));
  eq("create_post", [p1.id, p1.userId, p1.title, p1.publishedOn?.getDate()], [1, 1, "P1", 2]);
  await posts.createPost(db, { userId: 1, title: "P2", body: null, publishedOn: null });
  await posts.createPost(db, { userId: 2, title: "P3", body: "b3", publishedOn: new Date(2024, 2, 4) });
  eq("list_posts_with_authors", (await posts.listPostsWithAuthors(db)).map((r) => [r.id, r.title, r.author, r.authorRole]),
    [[1, "P1", "Ada L", "admin"], [2, "P2", "Ada L", "admin"], [3, "P3", "Bob", "guest"]]);
  eq("list_users_with_posts", (await posts.listUsersWithPosts(db)).map((r) => [r.id, r.postId, r.title]),
    [[1, 1, "P1"], [1, 2, "P2"], [2, 3, "P3"], [cy, null, null], [d, null, null]]);
  eq("posts_of_user", (await posts.postsOfUser(db, { userId: 1 })).map((p) => [p.id, p.views, p.body]), [[1, 0, "b1"], [2, 0, null]]);
  eq("top_authors", (await posts.topAuthors(db, { n: 1 })).map((r) => [r.name, r.n]), [["Ada L", 2], ["Bob", 1]]);
  eq("recent_post_titles", (await posts.recentPostTitles(db, { limit: 2 })).map((r) => r.title), ["P2", "P3"]);
  eq("users_without_posts", (await posts.usersWithoutPosts(db)).map((r) => r.id), [cy, d]);
  eq("posts_by_author_email", (await posts.postsByAuthorEmail(db, { email: "bob@x.io" })).map((r) => r.id), [3]);
  eq("add_views", await posts.addViews(db, { views: 5, userId: 1 }), 2);
  eq("latest_post_title", must(await posts.latestPostTitle(db, { id: 1 })).latestTitle, "P2");
  eq("latest_post_title none", must(await posts.latestPostTitle(db, { id: cy })).latestTitle, null);
  eq("copy_posts_of_user", await posts.copyPostsOfUser(db, { body: "copied", userId: 2 }), 1);
  eq("delete_posts_of_user", (await posts.deletePostsOfUser(db, { userId: 2 })).map((r) => r.title).sort(), ["P3", "P3 (copy)"]);
  eq("rename_post", await posts.renamePost(db, { title: "P1b", id: 1 }), 1);
  eq("post_views_total", must(await posts.postViewsTotal(db, { userId: 1 })).totalViews, 10);
  eq("post_views_total empty", must(await posts.postViewsTotal(db, { userId: cy })).totalViews, 0);
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
