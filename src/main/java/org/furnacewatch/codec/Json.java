package org.furnacewatch.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the service, configured here and nowhere else. Every JSON read or written (request
 * bodies, stored documents, alert messages) goes through {@link #MAPPER} or {@link #FACTORY}.
 *
 * <p>The stream limits are wide on purpose: a reading row with a 1,200-digit number or nested 1,000 deep is a bad
 * row that the ingest parser rejects on its own, not a reason to refuse the whole body (Jackson's defaults are
 * 1,000 digits and 1,000 levels). Past these limits a body is unparseable (400); the body limit bounds the rest.
 */
public final class Json {
    /** Nesting beyond this is an unparseable body; rows nested deeper than 1 level are already bad rows. */
    public static final int MAX_NESTING = 100_000;
    /** Digits in one number token; the ingest parser rejects any number longer than {@link #MAX_ROW_NUMBER_CHARS}. */
    public static final int MAX_NUMBER_CHARS = 1 << 20;
    /** The longest number text a reading value may have (more digits than any double distinguishes). */
    public static final int MAX_ROW_NUMBER_CHARS = 400;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxStringLength(64 << 20)
                    .build())
            .build();

    public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}
}
