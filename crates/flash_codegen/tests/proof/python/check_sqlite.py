"""Calls every function generated for tests/proof/sqlite against a fresh in-memory database and checks what comes
back. Usage: check_sqlite.py PARENT_DIR PACKAGE SCHEMA_SQL DRIVER (sqlite3 | aiosqlite)."""

import asyncio
import inspect
import importlib
import sqlite3
import sys
from typing import Any

from checks import Checks, call

parent, package, schema_path, driver = sys.argv[1:5]
sys.path.insert(0, parent)
users = importlib.import_module(f"{package}.users")
posts = importlib.import_module(f"{package}.posts")
schema = open(schema_path).read()


async def connect() -> Any:
    if driver == "aiosqlite":
        import aiosqlite

        conn = await aiosqlite.connect(":memory:")
        await conn.executescript(schema)
        return conn
    conn = sqlite3.connect(":memory:")
    conn.executescript(schema)
    return conn


async def main() -> None:
    conn = await connect()
    c = Checks()

    ada = await call(users.create_user, conn, "ada@x.io", "Ada", None, True, 1.5, {"theme": "dark"})
    c.eq("create_user id", ada.id, 1)
    c.eq("create_user bio", ada.bio, None)
    c.eq("create_user is_admin", ada.is_admin, True)
    c.eq("create_user settings", ada.settings, {"theme": "dark"})
    bob = await call(users.create_user, conn, email="bob@x.io", name="Bob", bio="hi", is_admin=False, score=None, settings=None)
    c.eq("create_user second id", bob.id, 2)
    c.eq("create_user score null", bob.score, None)

    c.eq("get_user", (await call(users.get_user, conn, 1)).email, "ada@x.io")
    c.eq("get_user missing", await call(users.get_user, conn, 99), None)
    c.eq("get_user_by_email", (await call(users.get_user_by_email, conn, email="bob@x.io")).id, 2)
    c.eq("list_users limit/offset", [u.id for u in await call(users.list_users, conn, limit=10, offset=1)], [2])
    c.eq("list_users_by_ids", [u.id for u in await call(users.list_users_by_ids, conn, id=1, id_2=2, id_3=3)], [1, 2])
    c.eq("update_user_bio rows", await call(users.update_user_bio, conn, bio="new", id=1), 1)
    c.eq("update_user_bio none", await call(users.update_user_bio, conn, bio=None, id=99), 0)
    c.eq("count_users", (await call(users.count_users, conn)).total, 2)
    stats = await call(users.user_stats, conn)
    c.eq("user_stats", (stats.n, stats.total_score, stats.avg_score, stats.first_name, stats.max_id), (2, 1.5, 1.5, "Ada", 2))
    c.eq("search_users", [u.id for u in await call(users.search_users, conn, name="B%")], [2])
    c.eq("users_in_range", [u.id for u in await call(users.users_in_range, conn, id_start=1, id_end=1)], [1])
    up = await call(users.upsert_user, conn, email="ada@x.io", name="Ada L")
    c.eq("upsert_user", (up.id, up.name), (1, "Ada L"))
    res = await call(users.insert_user_result, conn, email="cy@x.io", name="Cy")
    # The upsert's conflicting insert used up an AUTOINCREMENT value, so Cy is the fourth id.
    c.eq("insert_user_result", (res.rows_affected, res.last_insert_id), (1, 4))
    cy = res.last_insert_id
    copied = await call(users.copy_users, conn, [users.CopyUsersParams("d@x.io", "D", None), users.CopyUsersParams("e@x.io", "E", "e")])
    c.eq("copy_users", copied, 2)
    display = await call(users.user_display, conn)
    c.eq("user_display first", (display[0].bio_text, display[0].role, display[0].score_int, display[0].label), ("new", "admin", 1, "Ada L <ada@x.io>"))
    c.eq("user_display second", (display[1].bio_text, display[1].role, display[1].score_int), ("hi", "member", None))
    settings = await call(users.user_settings, conn, 1)
    c.eq("user_settings", (settings.settings, settings.is_admin), ({"theme": "dark"}, True))
    c.eq("find_by_email_or_name", [u.id for u in await call(users.find_by_email_or_name, conn, term="Bob")], [2])
    c.eq("named_after_id", [u.id for u in await call(users.named_after_id, conn, name="D", id=0)], [cy + 1])
    await call(users.delete_user, conn, cy + 2)
    c.eq("delete_user", (await call(users.count_users, conn)).total, 4)

    p1 = await call(posts.create_post, conn, user_id=1, title="P1", body="b1")
    c.eq("create_post", (p1.id, p1.user_id, p1.title), (1, 1, "P1"))
    await call(posts.create_post, conn, 1, "P2", None)
    await call(posts.create_post, conn, 2, "P3", "b3")
    c.eq("list_posts_with_authors", [(r.id, r.title, r.author) for r in await call(posts.list_posts_with_authors, conn)],
         [(1, "P1", "Ada L"), (2, "P2", "Ada L"), (3, "P3", "Bob")])
    joined = await call(posts.list_users_with_posts, conn)
    c.eq("list_users_with_posts", [(r.id, r.post_id, r.title) for r in joined],
         [(1, 1, "P1"), (1, 2, "P2"), (2, 3, "P3"), (cy, None, None), (cy + 1, None, None)])
    c.eq("posts_of_user", [(p.id, p.views, p.body) for p in await call(posts.posts_of_user, conn, user_id=1)], [(1, 0, "b1"), (2, 0, None)])
    c.eq("top_authors", [(r.name, r.n) for r in await call(posts.top_authors, conn, n=1)], [("Ada L", 2), ("Bob", 1)])
    c.eq("recent_post_titles", [r.title for r in await call(posts.recent_post_titles, conn, limit=2)], ["P2", "P3"])
    c.eq("users_without_posts", [r.id for r in await call(posts.users_without_posts, conn)], [cy, cy + 1])
    c.eq("posts_by_author_email", [r.id for r in await call(posts.posts_by_author_email, conn, email="bob@x.io")], [3])
    c.eq("add_views", await call(posts.add_views, conn, views=5, user_id=1), 2)
    c.eq("latest_post_title", (await call(posts.latest_post_title, conn, id=1)).latest_title, "P2")
    c.eq("latest_post_title none", (await call(posts.latest_post_title, conn, id=cy)).latest_title, None)
    c.eq("copy_posts_of_user", await call(posts.copy_posts_of_user, conn, body="copied", user_id=2), 1)
    c.eq("delete_posts_of_user", sorted(r.title for r in await call(posts.delete_posts_of_user, conn, user_id=2)), ["P3", "P3 (copy)"])
    renamed = await call(posts.rename_post, conn, title="P1b", id=1)
    c.eq("rename_post", (renamed.id, renamed.title, renamed.views), (1, "P1b", 5))
    c.eq("post_views_total", (await call(posts.post_views_total, conn, user_id=1)).total_views, 10)
    c.eq("post_views_total empty", (await call(posts.post_views_total, conn, user_id=3)).total_views, 0)
    labels = [r.label for r in await call(posts.all_titles_and_names, conn)]
    c.eq("all_titles_and_names", ("Ada L" in labels, "P1b" in labels, labels == sorted(labels)), (True, True, True))

    closed = conn.close()
    if inspect.isawaitable(closed):
        await closed
    c.finish()


asyncio.run(main())
