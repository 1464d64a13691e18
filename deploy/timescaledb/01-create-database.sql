-- Furnace Watch 地条钢用电监测 — 外部 TimescaleDB / PostgreSQL 的初始化
-- Preparing an external TimescaleDB / PostgreSQL >= 14 for Furnace Watch.
--
-- 以超级用户运行一次 (run once as a superuser):
--   psql -X -v ON_ERROR_STOP=1 -U postgres -h <db-host> \
--        -v watch_password="$(openssl rand -base64 24)" \
--        -f deploy/timescaledb/01-create-database.sql
-- 然后把同一口令写入 /etc/furnace-watch/furnace-watch.env 的 WATCH_DB_PASSWORD。
-- Put the same password into WATCH_DB_PASSWORD in /etc/furnace-watch/furnace-watch.env.
--
-- 只建角色、数据库、扩展和权限。表由服务自己的迁移 (Flyway, classpath:db/migration) 在首次启动时创建；
-- 若 timescaledb 扩展可用，服务随后把 readings 转为超表 (hypertable, 7 天一个 chunk)，启用压缩
-- (按 meter_key 分段、ts 排序，30 天后压缩)，并建立 readings_hourly / readings_daily 连续聚合
-- (见 src/main/java/org/furnacewatch/store/Database.java)。没有该扩展时 readings 为按月原生分区表。
-- This creates only the role, the database, the extension and the grants. The service's own migrations
-- create the tables at the first start; when the timescaledb extension is available the service then
-- turns `readings` into a hypertable (7-day chunks) with compression (segment by meter_key, order by
-- ts, compress after 30 days) and the readings_hourly / readings_daily continuous aggregates (see
-- store/Database.java). Without the extension, `readings` is natively partitioned by month.
--
-- 重要 Important:
--  * 首次启动前就决定是否用 TimescaleDB：迁移 V2 在建表时检查扩展是否可用；先无扩展启动、后装扩展，
--    readings 已是分区表，服务的 create_hypertable 会失败、无法启动。
--    Decide on TimescaleDB before the first start: migration V2 looks for the extension when it creates
--    `readings`. A database first started without it and given the extension later has a partitioned
--    `readings` that create_hypertable refuses, and the service will not start.
--  * 服务器装有 timescaledb 软件包时，postgresql.conf 必须有 shared_preload_libraries = 'timescaledb'，
--    否则服务的 CREATE EXTENSION 失败（服务按 pg_available_extensions 判断扩展“可用”）。
--    If the timescaledb package is installed on the server, shared_preload_libraries must include it,
--    otherwise the service's CREATE EXTENSION fails (it treats any extension listed in
--    pg_available_extensions as usable).
--  * 须为 Timescale License 版本（含压缩与连续聚合），版本 >= 2.14；见 deploy/README.md。
--    Needs the Timescale-License build (compression, continuous aggregates), version >= 2.14.

\set ON_ERROR_STOP on

-- 1. 服务登录角色：非超级用户，不能建库建角色。The service's login role: no superuser, no CREATEDB/CREATEROLE.
CREATE ROLE furnace_watch LOGIN PASSWORD :'watch_password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
    CONNECTION LIMIT 64;

-- 2. 数据库，由服务角色拥有（其迁移在其中建表、建函数）。UTF-8，C 排序（与嵌入式集群一致）。
--    The database, owned by the service role (its migrations create tables and functions). UTF-8 with C
--    collation, as the embedded cluster uses.
CREATE DATABASE furnace_watch
    OWNER furnace_watch
    ENCODING 'UTF8'
    LC_COLLATE 'C' LC_CTYPE 'C'
    TEMPLATE template0;

REVOKE ALL ON DATABASE furnace_watch FROM PUBLIC;
GRANT CONNECT, TEMPORARY, CREATE ON DATABASE furnace_watch TO furnace_watch;

-- 写入路径用会话临时表 (staging_readings, ON COMMIT DELETE ROWS)，需要 TEMPORARY 权限（上面已授）。
-- The ingest writer uses a session temporary table, hence TEMPORARY (granted above).
-- 服务按其时区参数计算日界，数据库时区不影响结果；统一设为 UTC 便于排查。
-- The service passes its zone explicitly; UTC as the database default keeps logs unambiguous.
ALTER DATABASE furnace_watch SET timezone TO 'UTC';

\connect furnace_watch

-- 3. TimescaleDB 扩展（以超级用户创建；服务启动时的 CREATE EXTENSION IF NOT EXISTS 随即成为空操作）。
--    在纯 PostgreSQL 上（不用 TimescaleDB）删去这一行即可。
--    The extension, created here as a superuser; the service's own CREATE EXTENSION IF NOT EXISTS then
--    does nothing. On plain PostgreSQL (no TimescaleDB) delete this statement.
CREATE EXTENSION IF NOT EXISTS timescaledb;

-- 4. public 模式归服务角色所有（PostgreSQL 15 起 PUBLIC 默认无 CREATE 权限；14 则相反，一并收回）。
--    The public schema belongs to the service role (PostgreSQL 15+ no longer lets PUBLIC create in it;
--    on 14 we revoke that too).
ALTER SCHEMA public OWNER TO furnace_watch;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO furnace_watch;

-- 5. 可选：只读角色，供报表、分析或逻辑备份使用。Optional: a read-only role for reports or pg_dump.
--    取消注释后运行 (uncomment to use):
-- CREATE ROLE furnace_watch_ro LOGIN PASSWORD :'ro_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
-- GRANT CONNECT ON DATABASE furnace_watch TO furnace_watch_ro;
-- GRANT USAGE ON SCHEMA public TO furnace_watch_ro;
-- ALTER DEFAULT PRIVILEGES FOR ROLE furnace_watch IN SCHEMA public GRANT SELECT ON TABLES TO furnace_watch_ro;
-- GRANT SELECT ON ALL TABLES IN SCHEMA public TO furnace_watch_ro;   -- after the first start

-- 6. 检查 Check:
SELECT extname, extversion FROM pg_extension WHERE extname = 'timescaledb';
SHOW shared_preload_libraries;
