package keeper.api.spi.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The scheme of an {@link Authenticator} component, as a typed service property:
 * {@code @Component @AuthScheme("token")} registers the service with {@code keeper.auth.scheme=token}
 * ({@link Authenticator#SCHEME}).
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AuthScheme {

    /** Prefixed to the name Declarative Services derives from this type's name: {@code keeper.auth.scheme}. */
    String PREFIX_ = "keeper.";

    /** The scheme's name, e.g. {@code pem}. */
    String value();
}
