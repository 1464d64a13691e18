package org.furnacewatch.cases;

import java.time.Instant;

/** A file attached to a case; {@code content} is null in listings. */
public record Evidence(String id, String caseId, String filename, String contentType, long size, String sha256,
                       String note, Instant uploadedAt, String uploadedBy, byte[] content) {}
