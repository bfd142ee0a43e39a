package dev.vigil.keycloak.riskengine.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.List;

import dev.vigil.keycloak.riskengine.features.Feature;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;

/**
 * Versioned model serialization: a header (magic, format, feature schema, feature statistics) followed
 * by the Java-serialized smile forest, read back through a filter that allows exactly the forest's three
 * classes, with limits on size, references, array lengths and depth. Any mismatch, damage or refusal is a
 * {@link ModelFormatException}; so is a {@link StackOverflowError} or {@link OutOfMemoryError} while reading.
 */
public final class ModelCodec {

    private static final int MAGIC = 0x56494746; // "VIGF"
    public static final int FORMAT = 1;
    /**
     * Limits of the deserialisation filter, sized from a real model (100 trees of depth ≤ 8: 3.0 MB, ≈96,000
     * references, arrays of at most 100 elements, nesting depth 13) with about four times the headroom.
     */
    static final long MAX_BYTES = 16L * 1024 * 1024;
    static final long MAX_REFS = 400_000;
    static final long MAX_ARRAY = 1_024;
    static final long MAX_DEPTH = 32;
    /**
     * Exactly the classes a serialized smile Isolation Forest consists of (arrays of primitives aside), taken
     * from the class objects so that the names are right in the shaded jar too, where smile is relocated.
     */
    static final List<String> ALLOWED_CLASSES = List.of(IsolationForest.class.getName(),
            IsolationTree.class.getName(), IsolationTree.class.getName() + "$Node");
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxbytes=" + MAX_BYTES + ";maxrefs=" + MAX_REFS + ";maxarray=" + MAX_ARRAY + ";maxdepth=" + MAX_DEPTH
                    + ";" + String.join(";", ALLOWED_CLASSES) + ";!*");

    private ModelCodec() {
    }

    public static String encode(AnomalyModel model) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeInt(Feature.SCHEMA);
                out.writeInt(Feature.COUNT);
                for (double v : model.mean()) {
                    out.writeDouble(v);
                }
                for (double v : model.sd()) {
                    out.writeDouble(v);
                }
                ObjectOutputStream oos = new ObjectOutputStream(out);
                oos.writeObject(model.forest());
                oos.flush();
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize model", e);
        }
    }

    public static AnomalyModel decode(String data, ModelInfo info) throws ModelFormatException {
        if (data == null || data.isEmpty()) {
            throw new ModelFormatException("no model data");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(data);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw))) {
                if (in.readInt() != MAGIC) {
                    throw new ModelFormatException("not a Vigil model");
                }
                int format = in.readInt();
                if (format != FORMAT) {
                    throw new ModelFormatException("model format " + format + ", this Vigil reads " + FORMAT);
                }
                int schema = in.readInt();
                int count = in.readInt();
                if (schema != Feature.SCHEMA || count != Feature.COUNT) {
                    throw new ModelFormatException("feature schema " + schema + " (" + count + " features), expected "
                            + Feature.SCHEMA + " (" + Feature.COUNT + ")");
                }
                double[] mean = new double[count];
                double[] sd = new double[count];
                for (int i = 0; i < count; i++) {
                    mean[i] = in.readDouble();
                }
                for (int i = 0; i < count; i++) {
                    sd[i] = in.readDouble();
                }
                ObjectInputStream ois = new ObjectInputStream(in);
                ois.setObjectInputFilter(FILTER);
                Object forest = ois.readObject();
                if (!(forest instanceof IsolationForest f)) {
                    throw new ModelFormatException("unexpected object " + forest.getClass().getName());
                }
                return new AnomalyModel(f, info, mean, sd);
            }
        } catch (IOException | ClassNotFoundException | IllegalArgumentException | ClassCastException e) {
            throw new ModelFormatException("damaged model: " + e.getMessage());
        } catch (StackOverflowError | OutOfMemoryError | LinkageError e) {
            throw new ModelFormatException("model could not be read: " + e);
        }
    }

    public static final class ModelFormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public ModelFormatException(String message) {
            super(message);
        }
    }
}
