package io.github.inceptioncam.inference;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** artifactId and version from a jar's {@code META-INF/maven/.../pom.properties} or {@code pom.xml}. */
final class MavenCoordinates {
	final String artifactId;
	final String version;

	MavenCoordinates(String artifactId, String version) {
		this.artifactId = artifactId;
		this.version = version;
	}

	static MavenCoordinates fromPomProperties(InputStream in) throws IOException {
		Properties p = new Properties();
		p.load(in);
		String a = p.getProperty("artifactId"), v = p.getProperty("version");
		return a == null && v == null ? null : new MavenCoordinates(trim(a), trim(v));
	}

	/** The project's own artifactId and version (the top-level elements, not the parent's). */
	static MavenCoordinates fromPomXml(InputStream in) throws IOException {
		try {
			DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
			f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			f.setExpandEntityReferences(false);
			f.setNamespaceAware(true);
			Element root = f.newDocumentBuilder().parse(in).getDocumentElement();
			String a = null, v = null;
			for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
				if (n.getNodeType() != Node.ELEMENT_NODE) continue;
				String name = n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
				if (name.equals("artifactId")) a = n.getTextContent();
				else if (name.equals("version")) v = n.getTextContent();
			}
			return a == null && v == null ? null : new MavenCoordinates(trim(a), trim(v));
		} catch (ParserConfigurationException | SAXException e) {
			throw new IOException("unreadable pom.xml: " + e.getMessage(), e);
		}
	}

	private static String trim(String s) {
		return s == null ? null : s.trim();
	}

	@Override
	public String toString() {
		return GpuPack.GROUP + ":" + artifactId + ":" + version;
	}
}
