package dev.qanvas;

import java.io.ObjectInputFilter;
import java.util.logging.Logger;

/**
 * The JVM-wide Java deserialisation filter: it rejects every class, so no {@code ObjectInputStream}
 * in the process (DL4J's, a library's, ours) can build an object from untrusted bytes. Qanvas
 * itself uses no Java serialisation; a bare string (what a drag-and-drop of a palette item carries)
 * names no class and still reads. {@link dev.qanvas.Main} installs it first thing; tests may
 * install it too. It needs no {@code -Djdk.serialFilter} system property.
 */
public final class SerialFilter {

    /** Rejects every class, array and reference check it is asked about. */
    public static final ObjectInputFilter REJECT_ALL = new ObjectInputFilter() {
        @Override
        public Status checkInput(FilterInfo info) {
            return Status.REJECTED;
        }

        @Override
        public String toString() {
            return "Qanvas: reject all Java deserialisation";
        }
    };

    private SerialFilter() {
    }

    /**
     * Installs {@link #REJECT_ALL} as the JVM-wide filter; calling it again does nothing. The JDK
     * lets the filter be set once per JVM: when another one is already set (for instance with
     * {@code -Djdk.serialFilter}), it is kept and {@link #REJECT_ALL} is added through the filter
     * factory, which then makes every stream's filter reject everything; if that is not possible
     * either, the existing filter stays and this returns false.
     *
     * @return whether every new {@code ObjectInputStream} now rejects every class
     */
    public static synchronized boolean install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current == REJECT_ALL || ObjectInputFilter.Config.getSerialFilterFactory() instanceof RejectAllFactory) {
            return true;
        }
        if (current == null) {
            try {
                ObjectInputFilter.Config.setSerialFilter(REJECT_ALL);
                return true;
            } catch (IllegalStateException raced) {
                // set by someone else in between: compose below
            }
        }
        try {
            ObjectInputFilter.Config.setSerialFilterFactory(new RejectAllFactory());
            return true;
        } catch (IllegalStateException | SecurityException e) {
            Logger.getLogger(SerialFilter.class.getName()).warning("could not install the deserialisation filter ("
                    + e.getMessage() + "); keeping " + ObjectInputFilter.Config.getSerialFilter());
            return false;
        }
    }

    /** Whatever filter a stream would get, it gets {@link #REJECT_ALL} as well. */
    private static final class RejectAllFactory implements java.util.function.BinaryOperator<ObjectInputFilter> {
        @Override
        public ObjectInputFilter apply(ObjectInputFilter current, ObjectInputFilter next) {
            return next == null ? REJECT_ALL : ObjectInputFilter.merge(REJECT_ALL, next);
        }
    }
}
