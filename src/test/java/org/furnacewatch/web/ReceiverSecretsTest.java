package org.furnacewatch.web;

import org.furnacewatch.registry.District;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code ***} on {@code PUT /api/v1/districts/{code}}: the mask every read shows means "keep the stored secret", but
 * only for the same receiver, so an editor can send back what it read and a mask never moves a secret elsewhere.
 */
class ReceiverSecretsTest {
    static final District STORED = new District("500102", "涪陵区", "500000", List.of(
            Map.of("type", "webhook", "url", "http://a.example/hook", "secret", "hook-secret"),
            Map.of("type", "email", "to", "x@fl.example.cn", "smtpHost", "mail.fl.example.cn", "smtpPort", 465, "username", "x",
                    "password", "mail-secret")));

    static List<Map<String, Object>> sent(Map<?, ?>... receivers) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<?, ?> r : receivers) {
            Map<String, Object> m = new HashMap<>();
            r.forEach((k, v) -> m.put((String) k, v));
            out.add(m);
        }
        return out;
    }

    @Test
    void mask_keepsTheStoredSecret_forTheSameReceiver_evenReordered() {
        var rs = sent(Map.of("type", "email", "to", "y@fl.example.cn", "smtpHost", "mail.fl.example.cn", "smtpPort", 465, "username", "x",
                        "password", "***"),
                Map.of("type", "webhook", "url", "http://a.example/hook", "secret", "***"));
        assertNull(RegistryRoutes.keepStoredSecrets(STORED, rs));
        assertEquals("mail-secret", rs.get(0).get("password"), "recipient changed, same SMTP server and user: kept");
        assertEquals("hook-secret", rs.get(1).get("secret"));
    }

    @Test
    void mask_neverCarriesASecretToAnotherDestination() {
        assertEquals("receivers[0].secret", RegistryRoutes.keepStoredSecrets(STORED,
                sent(Map.of("type", "webhook", "url", "http://b.example/hook", "secret", "***"))), "another url");
        assertEquals("receivers[0].password", RegistryRoutes.keepStoredSecrets(STORED,
                sent(Map.of("type", "email", "smtpHost", "mail.elsewhere.example", "smtpPort", 465, "username", "x", "password", "***"))),
                "another mail server");
        assertEquals("receivers[0].secret", RegistryRoutes.keepStoredSecrets(STORED,
                sent(Map.of("type", "sms", "url", "http://a.example/hook", "secret", "***"))), "another type");
        assertEquals("receivers[0].secret", RegistryRoutes.keepStoredSecrets(null,
                sent(Map.of("type", "webhook", "url", "http://a.example/hook", "secret", "***"))), "nothing stored yet");
    }

    @Test
    void newSecret_isTakenAsSent() {
        var rs = sent(Map.of("type", "webhook", "url", "http://b.example/hook", "secret", "new-secret"));
        assertNull(RegistryRoutes.keepStoredSecrets(STORED, rs));
        assertEquals("new-secret", rs.get(0).get("secret"));
    }
}
