package org.furnacewatch.web.console;

import org.furnacewatch.web.Role;

/** What every console page shows around its content: the person, their CSRF token, the page's title and a notice. */
public record Frame(String title, String nav, Person person, String csrf, String notice, String error) {

    public boolean signedIn() {
        return person != null;
    }

    public boolean seesInbox() {
        return person != null && person.role() != Role.ANALYST;
    }

    public boolean seesCity() {
        return person != null && (person.cityOffice() || person.role() == Role.ADMIN || person.role() == Role.ANALYST);
    }

    public boolean analyst() {
        return person != null && (person.role() == Role.ANALYST || person.role() == Role.ADMIN);
    }

    public boolean admin() {
        return person != null && person.role() == Role.ADMIN;
    }

    public String roleZh() {
        if (person == null) return "";
        return switch (person.role()) {
            case DISTRICT -> person.cityOffice() ? "市级/省级" : "区县";
            case ANALYST -> "分析员";
            case ADMIN -> "管理员";
            case FEED -> "数据接口";
        };
    }
}
