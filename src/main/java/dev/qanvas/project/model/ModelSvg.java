package dev.qanvas.project.model;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import java.util.List;
import java.util.Locale;

/**
 * The model drawing as a standalone SVG document: the same boxes, texts, glyphs and edges as the
 * canvas (both follow {@link NodeCard}, {@link EdgePath}, {@link LayerGlyphs} and
 * {@link ModelColors}), invalid nodes and edges in red. Pure: no screen needed.
 */
public final class ModelSvg {

    private static final double MARGIN = 24;
    private static final String FONT = "DejaVu Sans, Verdana, sans-serif";
    private static final double LABEL_FONT = 10;

    private ModelSvg() {
    }

    public static String of(ModelGraph graph, GraphAnalysis analysis) {
        double minX = 0, minY = 0, maxX = 200, maxY = 100;
        if (!graph.nodes().isEmpty()) {
            minX = minY = Double.MAX_VALUE;
            maxX = maxY = -Double.MAX_VALUE;
            for (ModelGraph.Node n : graph.nodes()) {
                minX = Math.min(minX, n.x());
                minY = Math.min(minY, n.y() - LABEL_FONT); // edge labels sit just above the ports
                maxX = Math.max(maxX, n.x() + NodeCard.WIDTH);
                maxY = Math.max(maxY, n.y() + NodeCard.height(n.spec()));
            }
        }
        double ox = MARGIN - minX, oy = MARGIN - minY;
        double width = maxX - minX + 2 * MARGIN, height = maxY - minY + 2 * MARGIN;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\" font-family=\"%s\">\n",
                num(width), num(height), num(width), num(height), FONT));
        s.append(String.format(Locale.ROOT, "<rect width=\"%s\" height=\"%s\" fill=\"white\"/>\n", num(width), num(height)));
        s.append(String.format(Locale.ROOT, "<g transform=\"translate(%s %s)\">\n", num(ox), num(oy)));
        for (ModelGraph.Edge e : graph.edges()) {
            edge(s, graph, analysis, e);
        }
        for (ModelGraph.Node n : graph.nodes()) {
            node(s, n, NodeCard.of(n, analysis));
        }
        s.append("</g>\n</svg>\n");
        return s.toString();
    }

    private static void edge(StringBuilder s, ModelGraph graph, GraphAnalysis analysis, ModelGraph.Edge e) {
        var from = graph.node(e.from());
        var to = graph.node(e.to());
        if (from.isEmpty() || to.isEmpty()) {
            return; // an edge to a missing node has no place to be drawn; the analysis lists it
        }
        EdgePath p = EdgePath.betweenNodes(from.get().x(), from.get().y(), to.get().x(), to.get().y());
        boolean bad = !analysis.problemsFor(e).isEmpty();
        String colour = bad ? ModelColors.INVALID : ModelColors.EDGE;
        s.append(String.format(Locale.ROOT, "<path d=\"M %s %s C %s %s, %s %s, %s %s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\">",
                num(p.x1()), num(p.y1()), num(p.c1x()), num(p.c1y()), num(p.c2x()), num(p.c2y()), num(p.x2()), num(p.y2()),
                colour, bad ? "2.2" : "1.6"));
        s.append("<title>").append(esc(e.toString())).append("</title></path>\n");
        String label = analysis.edgeShape(e).map(Shape::toString).orElse("?");
        double w = label.length() * LABEL_FONT * 0.62 + 6;
        double cx = p.midX(), top = p.midY() - LABEL_FONT - 7;
        s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"3\" fill=\"%s\" stroke=\"%s\" stroke-width=\"0.6\"/>\n",
                num(cx - w / 2), num(top), num(w), num(LABEL_FONT + 4), ModelColors.LABEL_FILL, colour));
        s.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n",
                num(cx), num(top + LABEL_FONT + 0.5), num(LABEL_FONT), bad ? ModelColors.INVALID : ModelColors.MUTED, esc(label)));
    }

    private static void node(StringBuilder s, ModelGraph.Node n, NodeCard card) {
        ModelColors.Scheme c = ModelColors.of(card.kind());
        double x = n.x(), y = n.y(), w = NodeCard.WIDTH, h = card.height(), r = 6, hh = NodeCard.HEADER;
        String border = card.invalid() ? ModelColors.INVALID : c.border();
        s.append("<g id=\"node-").append(esc(card.id())).append("\">");
        if (card.invalid()) {
            s.append("<title>").append(esc(String.join("\n", card.problems()))).append("</title>");
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\" fill=\"%s\"/>\n",
                num(x), num(y), num(w), num(h), num(r), c.fill()));
        s.append(String.format(Locale.ROOT, "<path d=\"M %s %s V %s Q %s %s %s %s H %s Q %s %s %s %s V %s Z\" fill=\"%s\"/>\n",
                num(x), num(y + hh), num(y + r), num(x), num(y), num(x + r), num(y), num(x + w - r), num(x + w), num(y),
                num(x + w), num(y + r), num(y + hh), card.invalid() ? ModelColors.INVALID_FILL : c.header()));
        s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                num(x), num(y), num(w), num(h), num(r), border, card.invalid() ? "2.2" : "1.2"));
        glyph(s, card.type(), x + 5, y + 3, c.ink());
        // A long type name is squeezed into the header (bold DejaVu Sans is about 0.68 em a letter).
        boolean squeeze = card.type().length() * NodeCard.TYPE_FONT * 0.68 > NodeCard.TYPE_WIDTH;
        s.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"%s\" font-weight=\"bold\" fill=\"%s\"%s>%s</text>\n",
                num(x + NodeCard.TYPE_X), num(y + 15.5), num(NodeCard.TYPE_FONT), c.ink(),
                squeeze ? " textLength=\"" + num(NodeCard.TYPE_WIDTH) + "\" lengthAdjust=\"spacingAndGlyphs\"" : "", esc(card.type())));
        List<String> lines = card.bodyLines();
        for (int i = 0; i < lines.size(); i++) {
            boolean muted = i == 0 || i == lines.size() - 1;
            s.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%s\" font-size=\"10.5\" fill=\"%s\">%s</text>\n",
                    num(x + 8), num(y + hh + (i + 1) * NodeCard.LINE - 3), muted ? ModelColors.MUTED : ModelColors.TEXT, esc(lines.get(i))));
        }
        if (card.hasInPort()) {
            port(s, x, y + NodeCard.PORT_Y, border);
        }
        if (card.hasOutPort()) {
            port(s, x + w, y + NodeCard.PORT_Y, border);
        }
        if (card.invalid()) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"8\" fill=\"%s\"/><text x=\"%s\" y=\"%s\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"white\">!</text>\n",
                    num(x + w - 1), num(y + 1), ModelColors.INVALID, num(x + w - 1), num(y + 5)));
        }
        s.append("</g>\n");
    }

    private static void port(StringBuilder s, double cx, double cy, String stroke) {
        s.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"4.5\" fill=\"white\" stroke=\"%s\" stroke-width=\"1.4\"/>\n",
                num(cx), num(cy), stroke));
    }

    private static void glyph(StringBuilder s, String type, double x, double y, String ink) {
        s.append(String.format(Locale.ROOT, "<g transform=\"translate(%s %s)\" stroke=\"%s\" stroke-width=\"1.2\" fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\">",
                num(x), num(y), ink));
        for (LayerGlyphs.Mark m : LayerGlyphs.of(type)) {
            if (m instanceof LayerGlyphs.Line l) {
                s.append(String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>", num(l.x1()), num(l.y1()), num(l.x2()), num(l.y2())));
            } else if (m instanceof LayerGlyphs.Box b) {
                s.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"%s/>", num(b.x()), num(b.y()),
                        num(b.w()), num(b.h()), b.filled() ? " fill=\"" + ink + "\"" : ""));
            } else if (m instanceof LayerGlyphs.Dot d) {
                s.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\"%s/>", num(d.cx()), num(d.cy()), num(d.r()),
                        d.filled() ? " fill=\"" + ink + "\"" : ""));
            } else if (m instanceof LayerGlyphs.Curve c) {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i + 1 < c.points().length; i += 2) {
                    pts.append(i == 0 ? "" : " ").append(num(c.points()[i])).append(',').append(num(c.points()[i + 1]));
                }
                s.append("<polyline points=\"").append(pts).append("\"/>");
            }
        }
        s.append("</g>\n");
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
