package org.furnacewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;

/**
 * E-mail through SMTP with Eclipse Angus Mail (Jakarta Mail). The receiver names the address and may name its own
 * server: {@code {"type":"email","to":"a@b.cn, c@d.cn","smtpHost":...,"smtpPort":25,"from":...,"username":...,
 * "password":...,"starttls":true}}; what it leaves out comes from the service's defaults ({@code WATCH_SMTP_*}).
 * The Message-ID is derived from the Idempotency-Key, so a retry of a mail that did arrive can be recognised.
 */
public final class EmailNotifier implements Notifier {
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    private final Map<String, String> defaults;

    /** @param defaults WATCH_SMTP_HOST, WATCH_SMTP_PORT, WATCH_SMTP_FROM, WATCH_SMTP_USER, WATCH_SMTP_PASSWORD, WATCH_SMTP_STARTTLS */
    public EmailNotifier(Map<String, String> defaults) {
        this.defaults = defaults;
    }

    @Override
    public String render(Message message, Deliveries.Delivery delivery) {
        ObjectNode o = JSON.createObjectNode();
        o.put("subject", message.subject());
        o.put("text", message.text());
        return o.toString();
    }

    private String setting(Map<String, Object> receiver, String field, String env, String fallback) {
        Object v = receiver.get(field);
        if (v != null && !String.valueOf(v).isBlank()) return String.valueOf(v);
        String d = defaults.get(env);
        return d == null || d.isBlank() ? fallback : d;
    }

    @Override
    public void send(Deliveries.Delivery d, String payload) throws DeliveryException {
        Map<String, Object> r = d.receiver();
        String host = setting(r, "smtpHost", "WATCH_SMTP_HOST", "localhost");
        String port = setting(r, "smtpPort", "WATCH_SMTP_PORT", "25");
        String from = setting(r, "from", "WATCH_SMTP_FROM", "furnace-watch@localhost");
        String user = setting(r, "username", "WATCH_SMTP_USER", null);
        String password = setting(r, "password", "WATCH_SMTP_PASSWORD", null);
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", port);
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        p.put("mail.smtp.starttls.enable", setting(r, "starttls", "WATCH_SMTP_STARTTLS", "false"));
        if (user != null) p.put("mail.smtp.auth", "true");
        Session session = Session.getInstance(p);
        String subject, text;
        try {
            JsonNode body = JSON.readTree(payload);
            subject = body.path("subject").asText();
            text = body.path("text").asText();
        } catch (IOException e) {
            throw new DeliveryException("unreadable payload: " + e.getMessage(), false);
        }
        String messageId = "<" + d.idempotencyKey() + "@furnace-watch>";
        try {
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", messageId);
                }
            };
            m.setFrom(new InternetAddress(from));
            m.setRecipients(RecipientType.TO, InternetAddress.parse(Receivers.to(r, "address")));
            m.setSubject(subject, "UTF-8");
            m.setText(text, "UTF-8");
            m.setHeader("Idempotency-Key", d.idempotencyKey());
            if (user != null) Transport.send(m, user, password);
            else Transport.send(m);
        } catch (SendFailedException e) {
            // addresses the server refused will not become valid by waiting
            boolean retryable = e.getInvalidAddresses() == null || e.getInvalidAddresses().length == 0;
            throw new DeliveryException("SMTP " + e.getMessage(), retryable);
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP " + host + ":" + port + ": " + e.getMessage(), true);
        }
    }
}
