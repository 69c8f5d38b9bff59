"""Calls every function generated for tests/proof/postgresql against a fresh database and checks what comes back.
Usage: check_postgres.py PARENT_DIR PACKAGE DATABASE_URL DRIVER (psycopg | psycopg-async | asyncpg)."""

import asyncio
import datetime
import importlib
import inspect
import sys
import uuid
from decimal import Decimal
from typing import Any

from checks import Checks, call

parent, package, url, driver = sys.argv[1:5]
sys.path.insert(0, parent)
users = importlib.import_module(f"{package}.users")
posts = importlib.import_module(f"{package}.posts")
EXTERNAL = uuid.UUID("12345678-1234-5678-1234-567812345678")


async def connect() -> Any:
    if driver == "asyncpg":
        import asyncpg

        return await asyncpg.connect(url)
    import psycopg

    if driver == "psycopg-async":
        return await psycopg.AsyncConnection.connect(url, autocommit=True)
    return psycopg.connect(url, autocommit=True)


async def main() -> None:
    conn = await connect()
    c = Checks()

    ada = await call(users.create_user, conn, email="ada@x.io", name="Ada", bio=None, role="admin", tags=["a", "b"],
                     settings={"theme": "dark"}, balance=Decimal("10.50"), external_id=EXTERNAL)
    c.eq("create_user", (ada.id, ada.bio, ada.role, ada.tags, ada.settings, ada.balance, ada.external_id),
         (1, None, "admin", ["a", "b"], {"theme": "dark"}, Decimal("10.50"), EXTERNAL))
    c.eq("create_user created_at", isinstance(ada.created_at, datetime.datetime), True)
    bob = await call(users.create_user, conn, "bob@x.io", "Bob", "hi", "member", [], None, Decimal("0"), None)
    c.eq("create_user second", (bob.id, bob.settings, bob.external_id, bob.tags), (2, None, None, []))

    c.eq("get_user", (await call(users.get_user, conn, id=1)).email, "ada@x.io")
    c.eq("get_user missing", await call(users.get_user, conn, id=99), None)
    got = await call(users.get_user_by_email, conn, email="bob@x.io")
    c.eq("get_user_by_email", (got.id, got.role), (2, "member"))
    c.eq("list_users", [u.id for u in await call(users.list_users, conn, limit=10, offset=1)], [2])
    c.eq("list_users_by_ids", [u.id for u in await call(users.list_users_by_ids, conn, ids=[1, 2, 3])], [1, 2])
    c.eq("list_users_in_list", [u.id for u in await call(users.list_users_in_list, conn, id=2, id_2=1)], [1, 2])
    c.eq("update_user_bio", await call(users.update_user_bio, conn, bio="new", id=1), 1)
    c.eq("update_user_bio none", await call(users.update_user_bio, conn, bio=None, id=99), 0)
    c.eq("count_users", (await call(users.count_users, conn)).total, 2)
    stats = await call(users.user_stats, conn)
    c.eq("user_stats", (stats.n, stats.total_balance, stats.avg_balance, stats.first_name, stats.max_id),
         (2, Decimal("10.50"), Decimal("5.25"), "Ada", 2))
    c.eq("search_users", [u.id for u in await call(users.search_users, conn, name="b%")], [2])
    c.eq("users_in_range", [u.id for u in await call(users.users_in_range, conn, id_start=1, id_end=1)], [1])
    up = await call(users.upsert_user, conn, email="ada@x.io", name="Ada L")
    c.eq("upsert_user", (up.id, up.name), (1, "Ada L"))
    res = await call(users.insert_user_result, conn, email="cy@x.io", name="Cy")
    c.eq("insert_user_result", (res.rows_affected, res.last_insert_id), (1, None))
    cy = (await call(users.get_user_by_email, conn, email="cy@x.io")).id
    copied = await call(users.copy_users, conn, [users.CopyUsersParams("d@x.io", "D", None), users.CopyUsersParams("e@x.io", "E", "e")])
    c.eq("copy_users", copied, 2)
    display = await call(users.user_display, conn)
    c.eq("user_display first", (display[0].bio_text, display[0].rank, display[0].balance_float, display[0].label, display[0].tag_count),
         ("new", "boss", 10.5, "Ada L <ada@x.io>", 2))
    c.eq("user_display second", (display[1].bio_text, display[1].rank, display[1].tag_count), ("hi", "crew", 0))
    settings = await call(users.user_settings, conn, id=1)
    c.eq("user_settings", (settings.settings, settings.theme, settings.tags, settings.external_id),
         ({"theme": "dark"}, "dark", ["a", "b"], EXTERNAL))
    c.eq("users_by_role", [u.id for u in await call(users.users_by_role, conn, role="admin")], [1])
    role = await call(users.set_role, conn, id=2, role="guest")
    c.eq("set_role", (role.id, role.role), (2, "guest"))
    c.eq("find_by_email_or_name", [u.id for u in await call(users.find_by_email_or_name, conn, term="Bob")], [2])
    c.eq("tag_user", await call(users.tag_user, conn, tag="c", id=1), 1)
    c.eq("tag_user tags", (await call(users.user_settings, conn, id=1)).tags, ["a", "b", "c"])
    c.eq("users_with_tag", [u.id for u in await call(users.users_with_tag, conn, tag="c")], [1])
    await call(users.delete_user, conn, id=cy + 2)
    c.eq("delete_user", (await call(users.count_users, conn)).total, 4)

    p1 = await call(posts.create_post, conn, user_id=1, title="P1", body="b1", published_on=datetime.date(2024, 1, 2))
    c.eq("create_post", (p1.id, p1.user_id, p1.title, p1.published_on), (1, 1, "P1", datetime.date(2024, 1, 2)))
    await call(posts.create_post, conn, 1, "P2", None, None)
    await call(posts.create_post, conn, 2, "P3", "b3", datetime.date(2024, 3, 4))
    c.eq("list_posts_with_authors", [(r.id, r.title, r.author, r.author_role) for r in await call(posts.list_posts_with_authors, conn)],
         [(1, "P1", "Ada L", "admin"), (2, "P2", "Ada L", "admin"), (3, "P3", "Bob", "guest")])
    c.eq("list_users_with_posts", [(r.id, r.post_id, r.title) for r in await call(posts.list_users_with_posts, conn)],
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
    c.eq("post_views_total empty", (await call(posts.post_views_total, conn, user_id=cy)).total_views, 0)
    labels = [r.label for r in await call(posts.all_titles_and_names, conn)]
    c.eq("all_titles_and_names", sorted(labels), sorted(["Ada L", "Bob", "Cy", "D", "P1b", "P2"]))
    since = await call(posts.posts_published_since, conn, published_on=datetime.date(2024, 1, 1))
    c.eq("posts_published_since", [(r.id, r.published_on) for r in since], [(1, datetime.date(2024, 1, 2))])

    closed = conn.close()
    if inspect.isawaitable(closed):
        await closed
    c.finish()


asyncio.run(main())
