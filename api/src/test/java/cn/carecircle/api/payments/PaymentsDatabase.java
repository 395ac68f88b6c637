package cn.carecircle.api.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** What the payment tests read straight from the run's database, to check what the api wrote. */
final class PaymentsDatabase {

    private PaymentsDatabase() {}

    /** The first column of the first row of {@code sql} (over the api's schema) with its one parameter. */
    static String query(String sql, UUID param) {
        try (Connection c = DriverManager.getConnection(
                        System.getProperty("carecircle.db.url"), System.getProperty("carecircle.db.user"), "");
                PreparedStatement s = c.prepareStatement(
                        sql.replace(" from ", " from carecircle.").replace(" join ", " join carecircle."))) {
            s.setObject(1, param);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The community's money ledger sums to zero, and every stored balance agrees with its legs. */
    static void assertBalanced(UUID community) {
        assertThat(Long.parseLong(query(
                        "select coalesce(sum(l.amount_fen), 0)::text from money_leg l"
                                + " join money_posting p on p.id = l.posting_id where p.community_id = ?",
                        community)))
                .isZero();
        assertThat(Long.parseLong(query(
                        "select count(*)::text from money_account a where a.community_id = ? and a.kind not in"
                                + " ('SUBSIDY_FUND', 'EXTERNAL') and a.balance <> (select coalesce(sum(amount_fen), 0)"
                                + " from money_leg where account_id = a.id)",
                        community)))
                .isZero();
    }
}
