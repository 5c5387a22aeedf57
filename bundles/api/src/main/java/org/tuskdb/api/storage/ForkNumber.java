package org.tuskdb.api.storage;

/** The forks of a relation, each its own file: PostgreSQL's main, fsm, vm and init forks. */
public enum ForkNumber {
    MAIN(""), FSM("_fsm"), VM("_vm"), INIT("_init");

    private final String suffix;

    ForkNumber(String suffix) {
        this.suffix = suffix;
    }

    /** What follows the relation number in the fork's file name ("" for the main fork). */
    public String suffix() {
        return suffix;
    }
}
