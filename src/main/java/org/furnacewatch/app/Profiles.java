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

    @SuppressWarnings("unchecked")
    static ProfileResolver load() {
        try (InputStream in = Profiles.class.getClassLoader().getResourceAsStream("models/default-profile.json")) {
            if (in == null) return ProfileResolver.defaultsOnly();
            return ProfileResolver.fromDocument(new ObjectMapper().readValue(in, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException("models/default-profile.json is unreadable", e);
        }
    }
}
