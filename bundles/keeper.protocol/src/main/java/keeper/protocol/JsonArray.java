package keeper.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A JSON array being built. Rendered by {@link #toString()}. */
public final class JsonArray {

    private final List<Object> items = new ArrayList<>();

    JsonArray() {
    }

    /** Appends {@code value} (any value {@link Json} can write). */
    public JsonArray add(Object value) {
        items.add(value);
        return this;
    }

    /** The items added so far, in order. */
    public List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    /** This array as compact JSON text. */
    @Override
    public String toString() {
        return Json.write(this);
    }
}
