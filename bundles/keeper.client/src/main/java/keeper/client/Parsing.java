package keeper.client;

/** A parse of words from somewhere (a variable, a config file line) whose usage error the caller prefixes with where. */
@FunctionalInterface
interface Parsing<T> {
    T parse() throws UsageException;
}
