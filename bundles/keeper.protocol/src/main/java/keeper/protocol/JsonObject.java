package keeper.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object being built: members keep the order they were put in. Rendered by {@link #toString()}. */
public final class JsonObject {

    private final Map<String, Object> members = new LinkedHashMap<>();

    JsonObject() {
    }

    /**
     * Sets member {@code name} to {@code value} (any value {@link Json} can write; {@code null} writes
     * {@code null}), replacing an earlier one of that name.
     */
    public JsonObject put(String name, Object value) {
        members.put(name, value);
        return this;
    }

    /** The members put so far, in order. */
    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    /** This object as compact JSON text. */
    @Override
    public String toString() {
        return Json.write(this);
    }
}
