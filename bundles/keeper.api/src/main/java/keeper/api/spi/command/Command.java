package keeper.api.spi.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The command word of a {@link KeeperCommand} component, as a typed service property:
 * {@code @Component @Command("uptime")} registers the service with {@code keeper.command=uptime}
 * ({@link KeeperCommand#NAME}). Lower case, one word.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Command {

    /** Prefixed to the name Declarative Services derives from this type's name: {@code keeper.command}. */
    String PREFIX_ = "keeper.";

    /** The command word, e.g. {@code restart}. */
    String value();
}
