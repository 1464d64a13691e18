package org.furnacewatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.detect.ProfileResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Loads the detection profile shipped in models/ (packaged into the jar). */
final class Profiles {
    private Profiles() {}

    static ProfileResolver load() {
        return ProfileResolver.fromDocument(document());
    }

    /** The shipped document (version 1 of the stored profile history); the built-in default if none is packaged. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> document() {
        try (InputStream in = Profiles.class.getClassLoader().getResourceAsStream("models/default-profile.json")) {
            if (in == null) return ProfileResolver.defaultsOnly().toDocument();
            return org.furnacewatch.codec.Json.MAPPER.readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("models/default-profile.json is unreadable", e);
        }
    }
}
