package dev.weir.testing.upstreams;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults scripted on one upstream. Injected faults are tried in injection order; the
 * first that matches a request and has uses left applies to it (one fault per request).
 * Thread-safe.
 */
public final class Faults {

    private final List<InjectedFault> armed = new ArrayList<>();

    Faults() {
    }

    /** Arms a fault; it applies to the next matching requests. */
    public synchronized InjectedFault inject(Fault fault) {
        InjectedFault injected = new InjectedFault(fault, this);
        this.armed.add(injected);
        return injected;
    }

    /** Disarms every fault. */
    public synchronized void clear() {
        this.armed.clear();
    }

    /** The faults with uses left. */
    public synchronized List<Fault> armed() {
        return this.armed.stream().filter((fault) -> !fault.exhausted()).map(InjectedFault::fault).toList();
    }

    synchronized void remove(InjectedFault fault) {
        this.armed.remove(fault);
    }

    /** The effect to apply to this request, its use counted, or {@code null}. */
    synchronized Fault.Effect take(UpstreamRequest request, long fetch) {
        for (InjectedFault injected : this.armed) {
            if (!injected.exhausted() && injected.fault().matches(request, fetch)) {
                injected.use();
                return injected.fault().effect();
            }
        }
        return null;
    }

}
