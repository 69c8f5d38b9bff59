// Calls every function generated for tests/proof/sqlite against a fresh in-memory database (better-sqlite3) and
// checks what comes back. Usage: node check.js SCHEMA_SQL.
import Database from "better-sqlite3";
import { readFileSync } from "fs";
import * as users from "./gen/users";
import * as posts from "./gen/posts";
import { eq, finish, must } from "./checks";

const db = new Database(":memory:");
db.exec(readFileSync(process.argv[2], "utf8"));

const ada = must(users.createUser(db, { email: "ada@x.io", name: "Ada", bio: null, isAdmin: true, score: 1.5, settings: { theme: "dark" } }));
eq("create_user", [ada.id, ada.bio, ada.isAdmin, ada.score, ada.settings], [1, null, true, 1.5, { theme: "dark" }]);
const bob = must(users.createUser(db, { email: "bob@x.io", name: "Bob", bio: "hi", isAdmin: false, score: null, settings: null }));
eq("create_user second", [bob.id, bob.score, bob.settings, bob.isAdmin], [2, null, null, false]);

eq("get_user", must(users.getUser(db, { id: 1 })).email, "ada@x.io");
eq("get_user missing", users.getUser(db, { id: 99 }), null);
eq("get_user_by_email", must(users.getUserByEmail(db, { email: "bob@x.io" })).id, 2);
eq("list_users", users.listUsers(db, { limit: 10, offset: 1 }).map((u) => u.id), [2]);
eq("list_users_by_ids", users.listUsersByIDs(db, { id: 1, id2: 2, id3: 3 }).map((u) => u.id), [1, 2]);
eq("update_user_bio", users.updateUserBio(db, { bio: "new", id: 1 }), 1);
eq("update_user_bio none", users.updateUserBio(db, { bio: null, id: 99 }), 0);
eq("count_users", must(users.countUsers(db)).total, 2);
const stats = must(users.userStats(db));
eq("user_stats", [stats.n, stats.totalScore, stats.avgScore, stats.firstName, stats.maxId], [2, 1.5, 1.5, "Ada", 2]);
eq("search_users", users.searchUsers(db, { name: "B%" }).map((u) => u.id), [2]);
eq("users_in_range", users.usersInRange(db, { idStart: 1, idEnd: 1 }).map((u) => u.id), [1]);
const up = must(users.upsertUser(db, { email: "ada@x.io", name: "Ada L" }));
eq("upsert_user", [up.id, up.name], [1, "Ada L"]);
const res = users.insertUserResult(db, { email: "cy@x.io", name: "Cy" });
const cy = must(res.lastInsertId);
eq("insert_user_result", [res.rowsAffected, cy], [1, 4]);
eq("copy_users", users.copyUsers(db, [{ email: "d@x.io", name: "D", bio: null }, { email: "e@x.io", name: "E", bio: "e" }]), 2);
const display = users.userDisplay(db);
eq("user_display first", [display[0].bioText, display[0].role, display[0].scoreInt, display[0].label], ["new", "admin", 1, "Ada L <ada@x.io>"]);
eq("user_display second", [display[1].bioText, display[1].role, display[1].scoreInt], ["hi", "member", null]);
const settings = must(users.userSettings(db, { id: 1 }));
eq("user_settings", [settings.settings, settings.isAdmin], [{ theme: "dark" }, true]);
eq("find_by_email_or_name", users.findByEmailOrName(db, { term: "Bob" }).map((u) => u.id), [2]);
eq("named_after_id", users.namedAfterID(db, { name: "D", id: 0 }).map((u) => u.id), [cy + 1]);
users.deleteUser(db, { id: cy + 2 });
eq("delete_user", must(users.countUsers(db)).total, 4);

const p1 = must(posts.createPost(db, { userId: 1, title: "P1", body: "b1" }));
eq("create_post", [p1.id, p1.userId, p1.title], [1, 1, "P1"]);
posts.createPost(db, { userId: 1, title: "P2", body: null });
posts.createPost(db, { userId: 2, title: "P3", body: "b3" });
eq("list_posts_with_authors", posts.listPostsWithAuthors(db).map((r) => [r.id, r.title, r.author]), [[1, "P1", "Ada L"], [2, "P2", "Ada L"], [3, "P3", "Bob"]]);
eq("list_users_with_posts", posts.listUsersWithPosts(db).map((r) => [r.id, r.postId, r.title]),
  [[1, 1, "P1"], [1, 2, "P2"], [2, 3, "P3"], [cy, null, null], [cy + 1, null, null]]);
eq("posts_of_user", posts.postsOfUser(db, { userId: 1 }).map((p) => [p.id, p.views, p.body]), [[1, 0, "b1"], [2, 0, null]]);
eq("top_authors", posts.topAuthors(db, { n: 1 }).map((r) => [r.name, r.n]), [["Ada L", 2], ["Bob", 1]]);
eq("recent_post_titles", posts.recentPostTitles(db, { limit: 2 }).map((r) => r.title), ["P2", "P3"]);
eq("users_without_posts", posts.usersWithoutPosts(db).map((r) => r.id), [cy, cy + 1]);
eq("posts_by_author_email", posts.postsByAuthorEmail(db, { email: "bob@x.io" }).map((r) => r.id), [3]);
eq("add_views", posts.addViews(db, { views: 5, userId: 1 }), 2);
eq("latest_post_title", must(posts.latestPostTitle(db, { id: 1 })).latestTitle, "P2");
eq("latest_post_title none", must(posts.latestPostTitle(db, { id: cy })).latestTitle, null);
eq("copy_posts_of_user", posts.copyPostsOfUser(db, { body: "copied", userId: 2 }), 1);
eq("delete_posts_of_user", posts.deletePostsOfUser(db, { userId: 2 }).map((r) => r.title).sort(), ["P3", "P3 (copy)"]);
const renamed = must(posts.renamePost(db, { title: "P1b", id: 1 }));
eq("rename_post", [renamed.id, renamed.title, renamed.views], [1, "P1b", 5]);
eq("post_views_total", must(posts.postViewsTotal(db, { userId: 1 })).totalViews, 10);
eq("post_views_total empty", must(posts.postViewsTotal(db, { userId: cy })).totalViews, 0);
eq("all_titles_and_names", posts.allTitlesAndNames(db).map((r) => r.label).sort(), ["Ada L", "Bob", "Cy", "D", "P1b", "P2"]);
db.close();
finish();
