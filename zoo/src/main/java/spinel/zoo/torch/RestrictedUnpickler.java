package spinel.zoo.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDict;

/**
 * A pickle reader that only knows the Python globals a PyTorch checkpoint needs.
 *
 * <p>Unpickling in Python calls whatever callable a pickle names ({@code GLOBAL os system} then
 * {@code REDUCE}) — the classic way a downloaded model file runs code. This reader resolves every
 * {@code GLOBAL}/{@code STACK_GLOBAL} against an allow-list of plain data types (dicts, sets,
 * tensors, storages, {@code argparse.Namespace}, NumPy scalars) and refuses anything else with an
 * {@link UnsafePickleException} before it is used; opcodes that reach code by other routes
 * ({@code INST}, {@code OBJ}, the extension registry) are refused too. Dicts keep their insertion
 * order, as in Python.
 *
 * <p>Persistent ids ({@code BINPERSID}) are PyTorch's storage references
 * {@code ('storage', torch.FloatStorage, key, location, numel[, view_metadata])}; they are resolved
 * through the shared map of {@link TorchStorage}s so the caller can attach the bytes later.
 */
final class RestrictedUnpickler extends Unpickler {

    /** A storage reference from a persistent id: the storage and an element offset into it. */
    record StorageRef(TorchStorage storage, long offset) {}

    /** An allowed Python global: a name and what calling it builds. */
    static final class Global implements IObjectConstructor {
        final String name;
        private final Function<Object[], Object> call;

        Global(String name, Function<Object[], Object> call) {
            this.name = name;
            this.call = call;
        }

        @Override
        public Object construct(Object[] args) {
            return call.apply(args);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A storage class such as {@code torch.FloatStorage}: only meaningful inside a persistent id. */
    record StorageClass(ScalarType type) {}

    /** {@code numpy.dtype}: just enough to decode a NumPy scalar. */
    static final class NumpyDtype {
        final String code;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        NumpyDtype(String code) {
            this.code = code;
        }

        void setState(Object state) {
            if (state instanceof Object[] t && t.length > 1 && t[1] instanceof String bo) {
                if (bo.equals(">")) order = ByteOrder.BIG_ENDIAN;
                else if (bo.equals("<") || bo.equals("|") || bo.equals("=")) order = ByteOrder.LITTLE_ENDIAN;
            }
        }

        Object decode(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
            String c = code.replaceAll("^[<>=|]", "");
            return switch (c) {
                case "f8", "float64" -> b.getDouble();
                case "f4", "float32" -> (double) b.getFloat();
                case "f2", "float16" -> (double) TorchStorage.halfToFloat(b.getShort());
                case "i8", "int64" -> b.getLong();
                case "i4", "int32" -> (long) b.getInt();
                case "i2", "int16" -> (long) b.getShort();
                case "i1", "int8" -> (long) b.get();
                case "u1", "uint8" -> (long) (b.get() & 0xff);
                case "u2", "uint16" -> (long) (b.getShort() & 0xffff);
                case "u4", "uint32" -> b.getInt() & 0xffffffffL;
                case "b1", "?", "bool" -> b.get() != 0;
                default -> throw new CheckpointFormatException("unsupported NumPy scalar type '" + code + "'");
            };
        }
    }

    private final String source;
    private final Map<String, TorchStorage> storages;
    private final Map<String, Global> allowed = new LinkedHashMap<>();

    /**
     * @param source   the file name, for messages
     * @param storages storages met so far, by key; persistent ids add to it
     */
    RestrictedUnpickler(String source, Map<String, TorchStorage> storages) {
        this.source = source;
        this.storages = storages;
        allowTorch();
        allowPython();
        allowNumpy();
    }

    /** Tensors, parameters, storages, sizes and devices. */
    private void allowTorch() {
        allow("torch._utils._rebuild_tensor", a -> rebuildTensor(a, 4));
        allow("torch._utils._rebuild_tensor_v2", a -> rebuildTensor(a, 6));
        allow("torch._utils._rebuild_parameter", a -> {
            if (a.length < 1 || !(a[0] instanceof TorchTensor t)) {
                throw new CheckpointFormatException(source + ": _rebuild_parameter without a tensor");
            }
            return t;
        });
        for (ScalarType t : ScalarType.values()) {
            allow("torch." + t.storageClass(), a -> {
                throw new CheckpointFormatException(
                        source + ": torch." + t.storageClass() + " may only appear in a storage reference");
            });
        }
        allow("torch.Size", a -> a.length == 0 ? new Object[0] : a[0]);
        allow("torch.device", a -> a.length == 0 ? "cpu" : String.valueOf(a[0]) + (a.length > 1 ? ":" + a[1] : ""));
    }

    /** Ordered dicts, sets, argparse namespaces (the reference's saved arguments). */
    private void allowPython() {
        allow("collections.OrderedDict", a -> {
            Map<Object, Object> m = new LinkedHashMap<>();
            if (a.length == 1 && a[0] instanceof Collection<?> items) {
                for (Object item : items) {
                    Object[] kv = tuple(item, "OrderedDict item");
                    m.put(kv[0], kv[1]);
                }
            }
            return m;
        });
        Function<Object[], Object> namespace = a -> new ClassDict("argparse", "Namespace");
        allow("argparse.Namespace", namespace);
        allow("copyreg._reconstructor", a -> {
            if (a.length < 1 || !(a[0] instanceof Global cls) || !cls.name.equals("argparse.Namespace")) {
                throw new UnsafePickleException(
                        "copyreg._reconstructor",
                        source + ": copyreg._reconstructor is only allowed for argparse.Namespace, got "
                                + describe(a.length > 0 ? a[0] : null));
            }
            return cls.construct(new Object[0]);
        });
        for (String mod : List.of("builtins", "__builtin__")) {
            allow(mod + ".set", a -> toSet(a));
            allow(mod + ".frozenset", a -> toSet(a));
        }
    }

    /** NumPy scalars and dtypes, and the latin-1 byte strings they are pickled as. */
    private void allowNumpy() {
        for (String mod : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            allow(mod + ".scalar", a -> {
                if (a.length != 2 || !(a[0] instanceof NumpyDtype dt) || !(a[1] instanceof byte[] bytes)) {
                    throw new CheckpointFormatException(source + ": numpy scalar needs (dtype, bytes)");
                }
                return dt.decode(bytes);
            });
        }
        allow("numpy.dtype", a -> {
            if (a.length < 1 || !(a[0] instanceof String code)) {
                throw new CheckpointFormatException(source + ": numpy.dtype needs a type code");
            }
            return new NumpyDtype(code);
        });
        allow("_codecs.encode", a -> {
            if (a.length != 2
                    || !(a[0] instanceof String s)
                    || !(a[1] instanceof String enc)
                    || !(enc.equalsIgnoreCase("latin1") || enc.equalsIgnoreCase("latin-1"))) {
                throw new CheckpointFormatException(source + ": _codecs.encode is only allowed as (str, 'latin1')");
            }
            return s.getBytes(StandardCharsets.ISO_8859_1);
        });
    }

    private void allow(String name, Function<Object[], Object> call) {
        allowed.put(name, new Global(name, call));
    }

    /** The Python globals this reader accepts, as {@code module.name}. */
    java.util.Set<String> allowedGlobals() {
        return java.util.Collections.unmodifiableSet(allowed.keySet());
    }

    private Global resolve(String module, String name) {
        String full = module + "." + name;
        Global g = allowed.get(full);
        if (g == null) {
            throw new UnsafePickleException(
                    full,
                    source + ": refusing to load the Python global '" + full
                            + "'; a checkpoint may only contain tensors, storages, dicts, lists, sets, numbers, strings, "
                            + "argparse.Namespace and NumPy scalars (a pickle that names other callables could run code)");
        }
        return g;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = readLine();
                String name = readLine();
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new CheckpointFormatException(source + ": STACK_GLOBAL needs two strings");
                }
                stack.add(resolve(m, n));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 -> throw new UnsafePickleException(
                    "opcode " + key,
                    source + ": refusing pickle opcode 0x" + Integer.toHexString(key)
                            + " (instance creation by class or extension code), which checkpoints do not use");
            case Opcodes.REDUCE, Opcodes.NEWOBJ -> {
                reduce();
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD -> {
                build();
                return NO_RETURN_VALUE;
            }
            case Opcodes.EMPTY_DICT -> {
                stack.add(new LinkedHashMap<>());
                return NO_RETURN_VALUE;
            }
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = 0; i + 1 < items.size(); i += 2) m.put(items.get(i), items.get(i + 1));
                stack.add(m);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                Object target = stack.peek();
                if (!(target instanceof Map<?, ?>)) {
                    throw new CheckpointFormatException(source + ": SETITEMS on " + describe(target));
                }
                @SuppressWarnings("unchecked")
                Map<Object, Object> m = (Map<Object, Object>) target;
                for (int i = 0; i + 1 < items.size(); i += 2) m.put(items.get(i), items.get(i + 1));
                return NO_RETURN_VALUE;
            }
            default -> {
                return super.dispatch(key);
            }
        }
    }

    /** REDUCE/NEWOBJ: calls an allowed global with the tuple on the stack. */
    private void reduce() {
        Object args = stack.pop();
        Object callable = stack.pop();
        if (!(callable instanceof Global g)) {
            throw new CheckpointFormatException(
                    source + ": pickle calls " + describe(callable) + ", which is not an allowed global");
        }
        if (!(args instanceof Object[] a)) {
            throw new CheckpointFormatException(source + ": arguments of " + g.name + " are not a tuple");
        }
        stack.add(g.construct(a));
    }

    /** BUILD: sets the state of a dtype, a namespace or an (empty-state) ordered dict. */
    private void build() {
        Object state = stack.pop();
        Object target = stack.peek();
        if (target instanceof NumpyDtype dt) {
            dt.setState(state);
        } else if (target instanceof ClassDict obj && state instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) obj.put(String.valueOf(e.getKey()), e.getValue());
        } else if (target instanceof Map<?, ?> && (state == null || state instanceof Map<?, ?> s && s.isEmpty())) {
            // an OrderedDict's empty instance state
        } else {
            throw new CheckpointFormatException(source + ": cannot set the state of " + describe(target));
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = input.read()) != '\n') {
            if (c < 0) throw new CheckpointFormatException(source + ": pickle ends inside a GLOBAL name");
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8).strip();
    }

    @Override
    protected Object persistentLoad(Object pid) {
        Object[] t = tuple(pid, "persistent id");
        if (t.length < 5 || !"storage".equals(t[0])) {
            throw new CheckpointFormatException(source + ": unknown persistent id " + describe(pid)
                    + " (expected ('storage', type, key, location, numel))");
        }
        if (!(t[1] instanceof Global g)) {
            throw new CheckpointFormatException(source + ": storage type " + describe(t[1]));
        }
        ScalarType type = ScalarType.ofStorageClass(g.name.startsWith("torch.") ? g.name.substring(6) : "");
        if (type == null) {
            throw new CheckpointFormatException(source + ": unsupported storage type " + g.name);
        }
        String key = String.valueOf(t[2]);
        String location = String.valueOf(t[3]);
        long numel = toLong(t[4], "storage size");
        TorchStorage storage = storages.computeIfAbsent(key, k -> new TorchStorage(k, type, numel, location));
        if (storage.type() != type || storage.numel() != numel) {
            throw new CheckpointFormatException(source + ": storage " + key + " is referred to as " + type.dtypeName()
                    + "[" + numel + "] and as " + storage.type().dtypeName() + "[" + storage.numel() + "]");
        }
        long offset = 0;
        if (t.length > 5 && t[5] != null) {
            // legacy view of a larger storage: (view_key, offset, view_size)
            Object[] view = tuple(t[5], "storage view");
            offset = toLong(view[1], "view offset");
        }
        return new StorageRef(storage, offset);
    }

    private Object rebuildTensor(Object[] a, int minArgs) {
        if (a.length < 4 || !(a[0] instanceof StorageRef ref)) {
            throw new CheckpointFormatException(
                    source + ": tensor rebuild needs (storage, offset, size, stride), got " + a.length + " arguments");
        }
        long offset = ref.offset() + toLong(a[1], "storage offset");
        Object[] size = tuple(a[2], "tensor size");
        Object[] stride = tuple(a[3], "tensor stride");
        int[] shape = new int[size.length];
        long[] strides = new long[stride.length];
        for (int i = 0; i < size.length; i++) shape[i] = Math.toIntExact(toLong(size[i], "tensor size"));
        for (int i = 0; i < stride.length; i++) strides[i] = toLong(stride[i], "tensor stride");
        return new TorchTensor(ref.storage(), offset, shape, strides);
    }

    private Object toSet(Object[] a) {
        LinkedHashSet<Object> s = new LinkedHashSet<>();
        if (a.length == 1 && a[0] instanceof Collection<?> items) s.addAll(items);
        else if (a.length == 1 && a[0] instanceof Object[] items) s.addAll(Arrays.asList(items));
        return s;
    }

    private Object[] tuple(Object o, String what) {
        if (o instanceof Object[] t) return t;
        if (o instanceof List<?> l) return l.toArray();
        throw new CheckpointFormatException(source + ": " + what + " is " + describe(o) + ", expected a tuple");
    }

    private long toLong(Object o, String what) {
        if (o instanceof Number n) return n.longValue();
        throw new CheckpointFormatException(source + ": " + what + " is " + describe(o) + ", expected an integer");
    }

    static String describe(Object o) {
        if (o == null) return "None";
        if (o instanceof Object[] t) return "a tuple of " + t.length;
        if (o instanceof Global g) return g.name;
        return "a " + o.getClass().getSimpleName();
    }
}
