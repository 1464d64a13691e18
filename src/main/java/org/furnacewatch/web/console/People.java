package org.furnacewatch.web.console;

import org.furnacewatch.registry.RegistryRepository;
import org.furnacewatch.web.Role;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The console's people ({@code console_users}): created by an admin, each change in {@code audit_log}. */
public final class People {
    /** A person that cannot be created as asked (400 on the admin page). */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message);
        }
    }

    private static final String COLUMNS = "id, login, name, unit, role, jurisdiction";
    private final DataSource db;

    public People(DataSource db) {
        this.db = db;
    }

    public Person create(String login, String name, String unit, Role role, String jurisdiction, String password, String actor) throws SQLException {
        if (login == null || !login.matches("[a-z0-9][a-z0-9._-]{1,39}")) throw new Invalid("登录名须为 2-40 位小写字母、数字、点、横线 (login)");
        if (name == null || name.isBlank() || name.length() > 80) throw new Invalid("姓名必填 (name)");
        if (role == null || role == Role.FEED) throw new Invalid("角色须为 district、analyst 或 admin (role)");
        if (role == Role.DISTRICT && (jurisdiction == null || !jurisdiction.matches("\\d{6}"))) throw new Invalid("区县角色须有六位行政区划代码 (jurisdiction)");
        String weak = Passwords.weakness(password, login);
        if (weak != null) throw new Invalid(weak);
        String code = role == Role.DISTRICT ? jurisdiction : null;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_users (login, name, unit, role, jurisdiction, password_hash, created_by) "
                    + "VALUES (?,?,?,?,?,?,?) ON CONFLICT (login) DO NOTHING RETURNING id")) {
                ps.setString(1, login);
                ps.setString(2, name.strip());
                ps.setString(3, unit == null ? "" : unit.strip());
                ps.setString(4, role.wire());
                ps.setString(5, code);
                ps.setString(6, Passwords.hash(password));
                ps.setString(7, actor);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new Invalid("登录名已存在 (login taken): " + login);
                    id = rs.getLong(1);
                }
            }
            RegistryRepository.audit(c, actor, "CREATE_PERSON", login, Map.of("role", role.wire(), "jurisdiction", code == null ? "" : code));
            c.commit();
            return new Person(id, login, name.strip(), unit == null ? "" : unit.strip(), role, code);
        }
    }

    /** The person with this login and password, or null (unknown, disabled or wrong password). */
    public Person authenticate(String login, String password) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + ", password_hash FROM console_users WHERE login = ? AND disabled_at IS NULL")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    Passwords.matches(password, DUMMY); // the same work for an unknown login: no timing oracle
                    return null;
                }
                return Passwords.matches(password, rs.getString(7)) ? read(rs) : null;
            }
        }
    }

    private static final String DUMMY = Passwords.hash("an unknown login costs the same");

    public Person get(long id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM console_users WHERE id = ? AND disabled_at IS NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    public Person byLogin(String login) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM console_users WHERE login = ?")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    public List<Person> list() throws SQLException {
        List<Person> out = new ArrayList<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT " + COLUMNS + " FROM console_users WHERE disabled_at IS NULL ORDER BY role, jurisdiction NULLS FIRST, login")) {
            while (rs.next()) out.add(read(rs));
        }
        return out;
    }

    /** Changes the password after checking the current one; false when the current one is wrong. Ends other sessions. */
    public boolean changePassword(Person p, String current, String next, String actor) throws SQLException {
        if (authenticate(p.login(), current) == null) return false;
        String weak = Passwords.weakness(next, p.login());
        if (weak != null) throw new Invalid(weak);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE console_users SET password_hash = ?, password_changed_at = now() WHERE id = ?")) {
                ps.setString(1, Passwords.hash(next));
                ps.setLong(2, p.id());
                ps.executeUpdate();
            }
            RegistryRepository.audit(c, actor, "CHANGE_PASSWORD", p.login(), Map.of());
            c.commit();
            return true;
        }
    }

    /** An admin sets a person's password (a first password, or a reset); audited, never logged. */
    public void setPassword(String login, String password, String actor) throws SQLException {
        String weak = Passwords.weakness(password, login);
        if (weak != null) throw new Invalid(weak);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE console_users SET password_hash = ?, password_changed_at = now(), disabled_at = NULL WHERE login = ?")) {
                ps.setString(1, Passwords.hash(password));
                ps.setString(2, login);
                if (ps.executeUpdate() == 0) throw new Invalid("用户不存在 (no such login): " + login);
            }
            RegistryRepository.audit(c, actor, "SET_PASSWORD", login, Map.of());
            c.commit();
        }
    }

    public void disable(String login, String actor) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE console_users SET disabled_at = now() WHERE login = ? AND disabled_at IS NULL")) {
                ps.setString(1, login);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE console_sessions SET ended_at = now() WHERE ended_at IS NULL "
                    + "AND user_id = (SELECT id FROM console_users WHERE login = ?)")) {
                ps.setString(1, login);
                ps.executeUpdate();
            }
            RegistryRepository.audit(c, actor, "DISABLE_PERSON", login, Map.of());
            c.commit();
        }
    }

    private static Person read(ResultSet rs) throws SQLException {
        return new Person(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Role.parse(rs.getString(5)), rs.getString(6));
    }
}
