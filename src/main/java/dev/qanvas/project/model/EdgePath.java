package dev.qanvas.project.model;

/**
 * The curve of an edge, from the output port of its source to the input port of its target: a
 * cubic Bézier that leaves and enters horizontally, so a chain is a straight line and a backward
 * edge (a cycle) loops visibly. Pure, shared by the canvas and the SVG export.
 */
public record EdgePath(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2) {

    /** The curve between two ports. */
    public static EdgePath between(double fromX, double fromY, double toX, double toY) {
        double pull = Math.max(36, Math.abs(toX - fromX) / 2);
        return new EdgePath(fromX, fromY, fromX + pull, fromY, toX - pull, toY, toX, toY);
    }

    /** From node box (x1, y1) to node box (x2, y2), both placed by their top-left corners. */
    public static EdgePath betweenNodes(double fromNodeX, double fromNodeY, double toNodeX, double toNodeY) {
        return between(fromNodeX + NodeCard.WIDTH, fromNodeY + NodeCard.PORT_Y, toNodeX, toNodeY + NodeCard.PORT_Y);
    }

    /** The point halfway along the curve's parameter (t = 1/2): where the shape label goes. */
    public double midX() {
        return (x1 + 3 * c1x + 3 * c2x + x2) / 8;
    }

    public double midY() {
        return (y1 + 3 * c1y + 3 * c2y + y2) / 8;
    }
}
