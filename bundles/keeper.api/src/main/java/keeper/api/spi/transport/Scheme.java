package keeper.api.spi.transport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The URI scheme a {@link Connector} component opens, as a typed service property:
 * {@code @Component @Scheme("tcp")} registers the service with {@code keeper.scheme=tcp}
 * ({@link Connector#SCHEME}); it must equal what {@link Connector#scheme()} answers.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Scheme {

    /** Prefixed to the name Declarative Services derives from this type's name: {@code keeper.scheme}. */
    String PREFIX_ = "keeper.";

    /** The URI scheme, e.g. {@code ssh}. */
    String value();
}
