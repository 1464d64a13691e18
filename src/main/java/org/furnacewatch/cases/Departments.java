package org.furnacewatch.cases;

import java.util.List;

/** The lead department and the cooperating ones for a dimension in a district (names without the district prefix). */
public record Departments(String lead, List<String> cooperating) {
    public static Departments defaults(Dimension d) {
        return new Departments(d.defaultLead, d.defaultCooperating);
    }
}
