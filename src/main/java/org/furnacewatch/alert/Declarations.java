package org.furnacewatch.alert;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.YearMonth;
import java.util.List;

/**
 * Declared monthly output and sales per enterprise (table enterprise_declarations), the basis of
 * INTENSITY_MISMATCH. Stored durably, then handed to {@link RegistryContexts} so detection sees them.
 */
public final class Declarations {
    /** One month: tonnes and sales are NaN where not declared. */
    public record Month(YearMonth month, double outputTonnes, double salesYuan) {}

    private final DataSource db;
    private final RegistryContexts contexts;

    public Declarations(DataSource db, RegistryContexts contexts) {
        this.db = db;
        this.contexts = contexts;
    }

    /** Upserts the months of one enterprise in one transaction, then makes them visible to detection. */
    public void put(String creditCode, List<Month> months, String actor) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO enterprise_declarations (credit_code, month, output_tonnes, sales_yuan, recorded_by)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (credit_code, month) DO UPDATE SET output_tonnes = excluded.output_tonnes,
                        sales_yuan = excluded.sales_yuan, recorded_at = now(), recorded_by = excluded.recorded_by""")) {
                for (Month m : months) {
                    ps.setString(1, creditCode);
                    ps.setDate(2, Date.valueOf(m.month().atDay(1)));
                    setNullable(ps, 3, m.outputTonnes());
                    setNullable(ps, 4, m.salesYuan());
                    ps.setString(5, actor);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        for (Month m : months) contexts.declare(creditCode, m.month(), m.outputTonnes(), m.salesYuan());
    }

    /** At start: every stored declaration into the detection contexts. */
    public int loadAll() throws SQLException {
        int n = 0;
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT credit_code, month, output_tonnes, sales_yuan FROM enterprise_declarations")) {
            while (rs.next()) {
                double t = rs.getDouble(3);
                if (rs.wasNull()) t = Double.NaN;
                double y = rs.getDouble(4);
                if (rs.wasNull()) y = Double.NaN;
                contexts.declare(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate()), t, y);
                n++;
            }
        }
        return n;
    }

    private static void setNullable(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, v);
    }
}
