package org.furnacewatch.store;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A COMMIT that fails is "not committed" only when the server said so; a lost connection leaves the outcome to be
 * asked. The stopped-store case (57P01 answering COMMIT) must not make a writer lane wait for a store that is down.
 */
class CommitOutcomeTest {
    private static PSQLException server(String severity, String state, String message) {
        return new PSQLException(new ServerErrorMessage("S" + severity + "\0V" + severity + "\0C" + state + "\0M" + message + "\0"));
    }

    @Test
    void serverTerminationOrRollbackAnsweringCommit_isKnownNotCommitted() {
        assertTrue(ReadingTransaction.refusedByServer(server("FATAL", "57P01", "terminating connection due to administrator command")));
        assertTrue(ReadingTransaction.refusedByServer(server("FATAL", "25P03", "terminating connection due to idle-in-transaction timeout")));
        assertTrue(ReadingTransaction.refusedByServer(server("ERROR", "40001", "could not serialize access")));
        assertTrue(ReadingTransaction.refusedByServer(server("ERROR", "23505", "duplicate key value violates unique constraint")));
    }

    @Test
    void lostConnectionOrPanic_leavesTheOutcomeUnknown() {
        assertFalse(ReadingTransaction.refusedByServer(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE)));
        assertFalse(ReadingTransaction.refusedByServer(server("PANIC", "58030", "could not fsync file")));
        assertFalse(ReadingTransaction.refusedByServer(server("PANIC", "57P01", "terminating")));
        assertFalse(ReadingTransaction.refusedByServer(server("ERROR", "XX000", "internal error")));
        assertFalse(ReadingTransaction.refusedByServer(new SQLException("not from the driver", "57P01")));
    }
}
