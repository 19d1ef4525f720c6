package dev.weir.testing.upstreams;

/** A fault armed on an upstream: how often it applied, and a way to disarm it. */
public final class InjectedFault {

    private final Fault fault;

    private final Faults owner;

    private int applied;

    InjectedFault(Fault fault, Faults owner) {
        this.fault = fault;
        this.owner = owner;
    }

    /** The fault. */
    public Fault fault() {
        return this.fault;
    }

    /** How many requests it applied to so far. */
    public int applied() {
        synchronized (this.owner) {
            return this.applied;
        }
    }

    /** Whether it has no uses left. */
    public boolean exhausted() {
        synchronized (this.owner) {
            return this.applied >= this.fault.times();
        }
    }

    /** Disarms it. */
    public void cancel() {
        this.owner.remove(this);
    }

    void use() {
        this.applied++;
    }

    @Override
    public String toString() {
        return this.fault + ", applied " + applied();
    }

}
