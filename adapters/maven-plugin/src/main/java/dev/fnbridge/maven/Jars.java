package dev.fnbridge.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes a directory as a jar with sorted entries and one fixed time: the same input, the
 * same bytes.
 */
final class Jars {

	private Jars() {
	}

	/**
	 * Writes {@code directory} as a jar.
	 * @param directory the classes and resources
	 * @param jar the jar to write
	 * @param time the time of every entry
	 * @return {@code jar}
	 * @throws IOException if reading or writing fails
	 */
	static Path write(Path directory, Path jar, FileTime time) throws IOException {
		return write(directory, jar, time, Map.of());
	}

	/**
	 * Writes {@code directory} as a jar with more manifest attributes.
	 * @param directory the classes and resources
	 * @param jar the jar to write
	 * @param time the time of every entry
	 * @param attributes main attributes of its manifest
	 * @return {@code jar}
	 * @throws IOException if reading or writing fails
	 */
	static Path write(Path directory, Path jar, FileTime time, Map<String, String> attributes) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().putValue("Created-By", "fnbridge-maven-plugin");
		attributes.forEach(manifest.getMainAttributes()::putValue);
		List<Path> files;
		try (Stream<Path> walk = Files.exists(directory) ? Files.walk(directory) : Stream.empty()) {
			files = walk.filter((path) -> !path.equals(directory)).sorted().toList();
		}
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			JarEntry manifestEntry = new JarEntry("META-INF/MANIFEST.MF");
			manifestEntry.setLastModifiedTime(time);
			out.putNextEntry(manifestEntry);
			manifest.write(out);
			out.closeEntry();
			for (Path file : files) {
				String name = directory.relativize(file).toString().replace('\\', '/');
				if (name.equals("META-INF") || name.equals("META-INF/MANIFEST.MF")) {
					continue;
				}
				JarEntry entry = new JarEntry(Files.isDirectory(file) ? name + "/" : name);
				entry.setLastModifiedTime(time);
				out.putNextEntry(entry);
				if (!Files.isDirectory(file)) {
					Files.copy(file, out);
				}
				out.closeEntry();
			}
		}
		return jar;
	}

}
