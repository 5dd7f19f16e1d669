package spinel.zoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of pretrained models: {@link ModelCard}s by id, and the {@link ModelCache} that
 * gets their files (cache → bundled in the jar → download, see {@link ZooSettings} for the cache
 * directory, offline switch and mirror).
 *
 * <p>Cards come from the class path: every {@value #INDEX} resource (one per jar that ships
 * models) lists JSON files beside it, each an array of cards. Models trained by Spinel are
 * bundled the same way as the published ones are referenced: a card whose weights file has a
 * {@code resource} instead of (or besides) a {@code url}.
 */
public final class ModelZoo {

    /** The class-path index of card files. */
    public static final String INDEX = "spinel/zoo/registry/index.json";

    private final Map<String, ModelCard> cards;
    private final ModelCache cache;

    private ModelZoo(Map<String, ModelCard> cards, ModelCache cache) {
        this.cards = Collections.unmodifiableMap(cards);
        this.cache = cache;
    }

    /** The bundled registry with settings from system properties and the environment. */
    public static ModelZoo defaultZoo() {
        return create(ZooSettings.fromEnvironment());
    }

    /** The bundled registry with the given settings. */
    public static ModelZoo create(ZooSettings settings) {
        return of(bundledCards(), new ModelCache(settings));
    }

    /** A registry of exactly {@code cards}, fetching through {@code cache}. */
    public static ModelZoo of(List<ModelCard> cards, ModelCache cache) {
        Map<String, ModelCard> m = new LinkedHashMap<>();
        for (ModelCard c : cards) {
            if (m.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("two model cards with id " + c.id());
            }
        }
        return new ModelZoo(m, cache);
    }

    /** Every card found through {@value #INDEX} resources on the class path. */
    public static List<ModelCard> bundledCards() {
        List<ModelCard> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            ClassLoader loader = ModelZoo.class.getClassLoader();
            for (Enumeration<URL> e = loader.getResources(INDEX); e.hasMoreElements(); ) {
                URL index = e.nextElement();
                String[] files;
                try (InputStream in = index.openStream()) {
                    files = json.readValue(in, String[].class);
                }
                for (String f : files) {
                    URL url = new URL(index, f);
                    try (InputStream in = url.openStream()) {
                        out.addAll(ModelCard.readList(in));
                    } catch (IOException | IllegalArgumentException ex) {
                        throw new IllegalStateException("bad model card file " + url + ": " + ex.getMessage(), ex);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model registry", e);
        }
        return out;
    }

    /** All cards, in registry order. */
    public List<ModelCard> list() {
        return List.copyOf(cards.values());
    }

    public Optional<ModelCard> find(String id) {
        return Optional.ofNullable(cards.get(id));
    }

    /** The card with {@code id}; an unknown id lists the known ones. */
    public ModelCard card(String id) {
        ModelCard c = cards.get(id);
        if (c == null) {
            throw new IllegalArgumentException("unknown model '" + id + "'; known models: " + String.join(", ", cards.keySet()));
        }
        return c;
    }

    /** The local path of model {@code id}'s file with {@code role}, fetched and verified if needed. */
    public Path fetch(String id, String role) throws IOException {
        return cache.fetch(card(id), role);
    }

    /** Every file of model {@code id}, by role. */
    public Map<String, Path> fetchAll(String id) throws IOException {
        ModelCard c = card(id);
        Map<String, Path> out = new LinkedHashMap<>();
        for (String role : c.files().keySet()) out.put(role, cache.fetch(c, role));
        return out;
    }

    public ModelCache cache() { return cache; }

    public ZooSettings settings() { return cache.settings(); }
}
