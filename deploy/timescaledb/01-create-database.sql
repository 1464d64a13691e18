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
-- (见 src/main/java/org/furnacewatch/store/Database.java、Aggregates.java)。扩展不可用（未安装或未预加载）时
-- readings 为按月原生分区表。
-- This creates only the role, the database, the extension and the grants. The service's own migrations
-- create the tables at the first start; when the timescaledb extension is available the service then
-- turns `readings` into a hypertable (7-day chunks) with compression (segment by meter_key, order by
-- ts, compress after 30 days) and the readings_hourly / readings_daily continuous aggregates (see
-- store/Database.java). Without the extension, `readings` is natively partitioned by month.
--
-- 重要 Important:
--  * 首次启动前就决定是否用 TimescaleDB：以原生分区开始的库，之后再预加载 TimescaleDB，服务照常启动，但 readings
--    保持分区表（日志 store: ... 一行说明原因）；要换成超表只能导出再导入新库。
--    Decide on TimescaleDB before the first start: a database that started on native partitions keeps them when
--    TimescaleDB is added later (the service starts and its `store: ...` log line says so).
--  * 服务器装有 timescaledb 软件包时，postgresql.conf 应有 shared_preload_libraries = 'timescaledb'。没有预加载时，
--    下面的 CREATE EXTENSION 会以 FATAL 断开会话；请删去该行，服务会以原生分区运行并在日志中说明原因（不再启动失败）。
--    With the timescaledb package installed, shared_preload_libraries should name it. Without the preload the
--    CREATE EXTENSION below ends the session (FATAL): drop it, and the service runs on native partitions and logs why.
--  * 须为 Timescale License 版本（含压缩与连续聚合），版本 >= 2.14；这里测试的是 2.28.3，见 deploy/README.md 第 10 节。
--    Needs the Timescale-License build (compression, continuous aggregates), version >= 2.14; 2.28.3 is the one
--    tested here (deploy/README.md section 10).
--  * 服务角色不是超级用户，读不到 shared_preload_libraries（/api/v1/store 中 preloaded 为 null）；扩展已由本脚本建好时无妨。
--    需要该信息时可 GRANT pg_read_all_settings TO furnace_watch。The service role cannot read
--    shared_preload_libraries (preloaded: null in /api/v1/store); harmless once this script created the extension;
--    GRANT pg_read_all_settings TO furnace_watch if you want it reported.

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
