package io.modelgate.wire;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.squareup.moshi.internal.Util;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Moshi's adapter for records as Moshi 1.15 makes it (the same JSON names, qualifiers, unknown fields skipped, a
 * missing primitive refused with Moshi's message), but calling the canonical constructor and the accessors through
 * method handles of exact type. Moshi's own calls {@code MethodHandle.invokeWithArguments} per record read and a
 * generic {@code invoke} per component written: a spreader and type adaptations built on every call, a few percent
 * of the gateway's CPU per chat completion in a JFR profile at c=256 (every request body, upstream request and
 * answer is a record). Added with {@code Moshi.Builder.addLast}: after a builder's own adapters (a record with an
 * adapter of its own keeps it), before Moshi's built-in ones, so it takes every other record type. Thread-safe.
 */
public final class RecordAdapters implements JsonAdapter.Factory {
  private static final MethodType READ = MethodType.methodType(Object.class, Object[].class);
  private static final MethodType ACCESS = MethodType.methodType(Object.class, Object.class);

  @Override
  public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class || type instanceof ParameterizedType)) {
      return null;
    }
    Class<?> raw = Types.getRawType(type);
    if (!raw.isRecord()) {
      return null;
    }
    RecordComponent[] components = raw.getRecordComponents();
    Map<String, Component> byJsonName = new LinkedHashMap<>();
    Class<?>[] parameters = new Class<?>[components.length];
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        parameters[i] = c.getType();
        String jsonName = Util.jsonName(c.getName(), c);
        JsonAdapter<Object> adapter = moshi.adapter(Util.resolve(type, raw, c.getGenericType()),
            Util.jsonAnnotations(c));
        Component component = new Component(c.getName(), jsonName, adapter,
            lookup.unreflect(c.getAccessor()).asType(ACCESS), c.getType().isPrimitive());
        Component replaced = byJsonName.put(jsonName, component);
        if (replaced != null) {
          throw new IllegalArgumentException("Conflicting components:\n    " + replaced.name() + "\n    "
              + component.name());
        }
      }
      MethodHandle constructor = lookup.findConstructor(raw, MethodType.methodType(void.class, parameters))
          .asSpreader(Object[].class, parameters.length).asType(READ);
      return new RecordAdapter(raw.getSimpleName(), constructor, byJsonName.values().toArray(Component[]::new))
          .nullSafe();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private record Component(String name, String jsonName, JsonAdapter<Object> adapter, MethodHandle accessor,
      boolean primitive) {}

  private static final class RecordAdapter extends JsonAdapter<Object> {
    private final String name;
    private final MethodHandle constructor;
    private final Component[] components;
    private final JsonReader.Options options;

    RecordAdapter(String name, MethodHandle constructor, Component[] components) {
      this.name = name;
      this.constructor = constructor;
      this.components = components;
      String[] names = new String[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].jsonName();
      }
      this.options = JsonReader.Options.of(names);
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      Object[] values = new Object[components.length];
      reader.beginObject();
      while (reader.hasNext()) {
        int index = reader.selectName(options);
        if (index == -1) {
          reader.skipName();
          reader.skipValue();
        } else {
          values[index] = components[index].adapter().fromJson(reader);
        }
      }
      reader.endObject();
      try {
        return (Object) constructor.invokeExact(values);
      } catch (Throwable e) {
        for (int i = 0; i < components.length; i++) {
          if (values[i] == null && components[i].primitive()) {
            throw Util.missingProperty(components[i].name(), components[i].jsonName(), reader);
          }
        }
        throw new AssertionError(e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
      writer.beginObject();
      for (Component c : components) {
        writer.name(c.jsonName());
        Object field;
        try {
          field = (Object) c.accessor().invokeExact(value);
        } catch (Throwable e) {
          throw new AssertionError(e);
        }
        c.adapter().toJson(writer, field);
      }
      writer.endObject();
    }

    @Override
    public String toString() {
      return "JsonAdapter(" + name + ")";
    }
  }
}
