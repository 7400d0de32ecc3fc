package keeper.api.spi.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The option words a {@link KeeperCommand} component takes, as a typed service property:
 * {@code @Command("status") @CommandOptions("--json")} registers {@code keeper.command.options=[--json]}
 * ({@link #NAME}). The dispatcher refuses a request with any other option before the command sees it, so
 * a command without this property is never given options. A value is written {@code --name=value} and
 * declared by its name, {@code --name}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CommandOptions {

    /** Service property: the option words, e.g. {@code --json}. */
    String NAME = "keeper.command.options";

    /** Prefixed to the name Declarative Services derives from this type's name: {@code keeper.command.options}. */
    String PREFIX_ = "keeper.";

    /** The option words, e.g. {@code --json}. */
    String[] value();
}
