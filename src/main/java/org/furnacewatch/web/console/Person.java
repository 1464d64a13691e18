package org.furnacewatch.web.console;

import org.furnacewatch.web.Principal;
import org.furnacewatch.web.Role;

/**
 * A person who signs in to the console. {@link #principal()} is the same {@link Principal} a token of that role and
 * jurisdiction gives, so one check ({@code Principal.canSee}) governs the API and the console alike; its name is the
 * person's, so every action is recorded under it.
 */
public record Person(long id, String login, String name, String unit, Role role, String jurisdiction) {

    public Principal principal() {
        return new Principal(id, role, jurisdiction, name + " <" + login + ">");
    }

    /** A city or province office: a district-role person bound to a code that is not a county-level one. */
    public boolean cityOffice() {
        return role == Role.DISTRICT && jurisdiction != null && jurisdiction.endsWith("00");
    }
}
