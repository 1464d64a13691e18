package org.furnacewatch.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A district; serialised with {@link SimJson} it is the body of {@code PUT /api/v1/districts/{code}} (without receivers). */
@JsonPropertyOrder({"name", "parent"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimDistrict(@JsonIgnore String code, String name, String parent) {
    @JsonIgnore
    public String path() {
        return "/api/v1/districts/" + code;
    }
}
