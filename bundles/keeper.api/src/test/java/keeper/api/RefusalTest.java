package keeper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class RefusalTest {

    private static final HookFault CYCLE = new HookFault(HookFault.Problem.CYCLE, null, List.of("a", "b", "a"), null);

    @Test
    void aHookChainRefusalCarriesItsFault() {
        Refusal refusal = Refusal.of(CYCLE);
        assertEquals(Refusal.Reason.HOOK_CHAIN, refusal.reason());
        assertEquals(CYCLE, refusal.hookFault());
    }

    @Test
    void aHookFaultGoesWithHookChainOnly() {
        assertThrows(IllegalArgumentException.class, () -> Refusal.of(Refusal.Reason.HOOK_CHAIN, "hook cycle: a -> a"));
        assertThrows(IllegalArgumentException.class,
                () -> new Refusal(Refusal.Reason.SPAWN_FAILED, "x", CYCLE));
    }
}
