package io.skysync.dist;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Collects the licence notices of every jar the release archive bundles: each jar's own
 * {@code LICENSE}/{@code NOTICE} files (under {@code META-INF/} or at its root) are copied to
 * {@code OUT/<jar name>/}, and {@code OUT/THIRD-PARTY.txt} lists every jar with the licences its
 * Maven pom declares (read from the jar, else from its parent poms in the local repository).
 * Run by the build: {@code ThirdPartyNotices OUT LOCAL-REPOSITORY CLASSPATH}.
 */
public final class ThirdPartyNotices {
    private static final Pattern NOTICE = Pattern.compile("(?i)(licen[cs]e|notice|copying|third-party|dependencies)");
    private final Path out;
    private final Path repository;

    private ThirdPartyNotices(Path out, Path repository) {
        this.out = out;
        this.repository = repository;
    }

    /** A bundled jar: its coordinates, the licences its pom declares, and the notice files it carries. */
    record Bundled(String file, String coordinates, List<String> licences, List<String> notices) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ThirdPartyNotices OUT LOCAL-REPOSITORY CLASSPATH");
        }
        ThirdPartyNotices notices = new ThirdPartyNotices(Path.of(args[0]), Path.of(args[1]).toAbsolutePath().normalize());
        List<Bundled> bundled = new ArrayList<>();
        TreeMap<String, Path> jars = new TreeMap<>();
        for (String entry : args[2].split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                Path jar = Path.of(entry).toAbsolutePath().normalize();
                jars.put(jar.getFileName().toString(), jar);
            }
        }
        notices.clear();
        for (Path jar : jars.values()) {
            bundled.add(notices.collect(jar));
        }
        Files.writeString(notices.out.resolve("THIRD-PARTY.txt"), list(bundled), StandardCharsets.UTF_8);
    }

    /** The output folder is this tool's alone: what an earlier build left there goes. */
    private void clear() throws IOException {
        if (Files.isDirectory(out)) {
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(out);
    }

    private Bundled collect(Path jar) throws IOException, ParserConfigurationException, SAXException {
        String name = jar.getFileName().toString();
        List<String> copied = new ArrayList<>();
        Properties coordinates = new Properties();
        Document pom = null;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String path = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (isNotice(path)) {
                    Path folder = out.resolve(name.replaceFirst("\\.jar$", ""));
                    Path target = folder.resolve(path).normalize();
                    if (!target.startsWith(folder)) {
                        throw new IOException(jar + " has an entry outside itself: " + path);
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                    copied.add(out.relativize(target).toString());
                } else if (path.startsWith("META-INF/maven/") && path.endsWith("/pom.properties") && coordinates.isEmpty()) {
                    try (InputStream in = file.getInputStream(entry)) {
                        coordinates.load(in);
                    }
                } else if (path.startsWith("META-INF/maven/") && path.endsWith("/pom.xml") && pom == null) {
                    try (InputStream in = file.getInputStream(entry)) {
                        pom = parse(in);
                    }
                }
            }
        }
        Path beside = jar.resolveSibling(name.replaceFirst("\\.jar$", ".pom"));
        if (jar.startsWith(repository) && Files.isRegularFile(beside)) {
            // The pom Maven resolved the jar with, also for jars that carry none.
            try (InputStream in = Files.newInputStream(beside)) {
                pom = parse(in);
            }
        }
        return new Bundled(name, coordinates(jar, coordinates), pom == null ? List.of() : licences(pom, 0), copied);
    }

    /** group:artifact:version, from the jar's pom.properties, else from its place in the local repository. */
    private String coordinates(Path jar, Properties properties) {
        if (!properties.isEmpty()) {
            return properties.getProperty("groupId") + ":" + properties.getProperty("artifactId") + ":"
                    + properties.getProperty("version");
        }
        if (jar.startsWith(repository) && repository.relativize(jar).getNameCount() >= 4) {
            Path rel = repository.relativize(jar);
            int n = rel.getNameCount();
            return rel.subpath(0, n - 3).toString().replace(File.separatorChar, '.') + ":" + rel.getName(n - 3) + ":"
                    + rel.getName(n - 2);
        }
        return "(no Maven coordinates in the jar)";
    }

    /** LICENSE, NOTICE, COPYING and the like, under META-INF/ or at the jar's root, and META-INF/licenses/. */
    static boolean isNotice(String path) {
        if (path.endsWith(".class")) {
            return false;
        }
        String rel = path.startsWith("META-INF/") ? path.substring("META-INF/".length()) : path;
        String lower = rel.toLowerCase(Locale.ROOT);
        if (lower.startsWith("licenses/") || lower.startsWith("license/")) {
            return true;
        }
        return !rel.contains("/") && NOTICE.matcher(rel).lookingAt();
    }

    /** The licences a pom declares, else its parent's, read from the local repository (a few levels up). */
    private List<String> licences(Document pom, int depth) throws IOException, ParserConfigurationException, SAXException {
        List<String> found = new ArrayList<>();
        NodeList licences = pom.getElementsByTagName("license");
        for (int i = 0; i < licences.getLength(); i++) {
            Element licence = (Element) licences.item(i);
            String name = text(licence, "name").orElse("(unnamed)");
            found.add(text(licence, "url").map(url -> name + " <" + url + ">").orElse(name));
        }
        if (!found.isEmpty() || depth >= 6) {
            return found;
        }
        Optional<Path> parent = parentPom(pom);
        if (parent.isEmpty()) {
            return found;
        }
        try (InputStream in = Files.newInputStream(parent.get())) {
            return licences(parse(in), depth + 1);
        }
    }

    private Optional<Path> parentPom(Document pom) {
        NodeList parents = pom.getDocumentElement().getElementsByTagName("parent");
        if (parents.getLength() == 0) {
            return Optional.empty();
        }
        Element parent = (Element) parents.item(0);
        Optional<String> group = text(parent, "groupId");
        Optional<String> artifact = text(parent, "artifactId");
        Optional<String> version = text(parent, "version");
        if (group.isEmpty() || artifact.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        Path file = repository.resolve(group.get().replace('.', '/')).resolve(artifact.get()).resolve(version.get())
                .resolve(artifact.get() + "-" + version.get() + ".pom");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static Optional<String> text(Element parent, String child) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return Optional.of(e.getTextContent().strip().replaceAll("\\s+", " "));
            }
        }
        return Optional.empty();
    }

    private static Document parse(InputStream in) throws ParserConfigurationException, IOException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // Poms are data here: no DTDs, no external entities.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(in);
    }

    static String list(List<Bundled> bundled) {
        StringBuilder text = new StringBuilder();
        text.append("Third-party software bundled with skysync\n")
                .append("=========================================\n\n")
                .append("Every jar in lib/ and backend/lib/, the licences its Maven pom declares, and the licence\n")
                .append("notices it carries (copied beside this file, in a folder named after the jar).\n");
        for (Bundled b : bundled) {
            text.append('\n').append(b.file()).append("\n  ").append(b.coordinates()).append('\n');
            if (b.licences().isEmpty()) {
                text.append(b.coordinates().startsWith("io.skysync:") ? "  skysync's own\n"
                        : "  licence: not declared in its pom; see the notices below, or the project's site\n");
            }
            b.licences().forEach(l -> text.append("  licence: ").append(l).append('\n'));
            b.notices().forEach(n -> text.append("  notice:  ").append(n).append('\n'));
        }
        return text.toString();
    }
}
