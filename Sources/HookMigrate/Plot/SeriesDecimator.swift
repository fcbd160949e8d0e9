/// A curve of (iteration, value) points reduced for drawing without losing what a reader looks for.
///
/// Points arrive in iteration order and are kept in buckets of `width` iterations. Each bucket keeps its
/// first and last point, its lowest and highest point (the per-column min/max of M4 decimation: drawn at a
/// bucket per pixel column, the line covers exactly the pixels the full curve covers), and up to
/// `cornerLimit` *corners*: points where the curve changes behaviour (flat ↔ moving, rising ↔ falling, or a
/// step of more than 16 times the previous one: milestones, the end of a warmup, a restart). Corners keep the
/// exact iteration of every boundary even when a bucket spans many iterations. When there are more than
/// `capacity` buckets, the width doubles and neighbouring buckets merge, so memory stays bounded however long
/// the run is (`capacity` buckets of at most `4 + cornerLimit` points).
struct SeriesDecimator: Sendable {
    /// One point of the curve.
    struct Point: Sendable, Equatable {
        /// The iteration.
        var x: Int
        /// The value.
        var y: Double
    }

    /// The points one bucket keeps.
    struct Bucket: Sendable {
        var index: Int
        var first: Point
        var last: Point
        var low: Point
        var high: Point
        var corners: [Point]
    }

    /// How many buckets are kept before they merge pairwise.
    let capacity: Int
    /// How many corners one bucket keeps.
    let cornerLimit: Int
    /// Iterations per bucket (a power of two).
    private(set) var width = 1
    private(set) var buckets: [Bucket] = []
    /// How many points were added.
    private(set) var count = 0

    // The last point seen, held back until the next one says whether it is a corner.
    private var held: Point?
    private var heldIsCorner = false
    private var lastDelta = 0.0
    private var lastClass: Int?

    /// Creates an empty curve.
    init(capacity: Int = 2048, cornerLimit: Int = 2) {
        self.capacity = max(2, capacity)
        self.cornerLimit = max(0, cornerLimit)
    }

    /// Adds the next point (iterations never decrease). `corner` forces the point to be kept exactly.
    mutating func add(x: Int, y: Double, corner: Bool = false) {
        count += 1
        let point = Point(x: x, y: y)
        guard let previous = held else {
            held = point
            heldIsCorner = true
            return
        }
        let delta = y - previous.y
        let scale = max(abs(y), abs(previous.y))
        let kind = abs(delta) <= 1e-12 * scale || delta.isNaN ? 0 : (delta > 0 ? 1 : -1)
        if let lastClass {
            if kind != lastClass {
                heldIsCorner = true
            } else if kind != 0, abs(delta) > 16 * abs(lastDelta) || abs(lastDelta) > 16 * abs(delta) {
                heldIsCorner = true
            }
        }
        commit(previous, corner: heldIsCorner)
        held = point
        heldIsCorner = corner
        lastDelta = delta
        lastClass = kind
    }

    /// Marks the most recent point as a corner (kept exactly).
    mutating func markLastAsCorner() {
        if held != nil { heldIsCorner = true }
    }

    /// Ends the curve: the last point is kept.
    mutating func finish() {
        if let held { commit(held, corner: true) }
        held = nil
    }

    private mutating func commit(_ point: Point, corner: Bool) {
        let index = point.x >= 0 ? point.x / width : 0
        if var bucket = buckets.last, bucket.index == index {
            bucket.last = point
            if point.y < bucket.low.y { bucket.low = point }
            if point.y > bucket.high.y { bucket.high = point }
            if corner, bucket.corners.count < cornerLimit { bucket.corners.append(point) }
            buckets[buckets.count - 1] = bucket
        } else {
            buckets.append(Bucket(index: index, first: point, last: point, low: point, high: point,
                                  corners: corner && cornerLimit > 0 ? [point] : []))
            if buckets.count > capacity { coarsen() }
        }
    }

    /// Doubles the bucket width, merging neighbours.
    private mutating func coarsen() {
        width *= 2
        buckets = Self.merged(buckets, cornerLimit: cornerLimit) { $0.index / 2 }
    }

    /// Buckets merged by a new index (consecutive buckets with the same new index become one).
    static func merged(_ buckets: [Bucket], cornerLimit: Int, by newIndex: (Bucket) -> Int) -> [Bucket] {
        var result: [Bucket] = []
        result.reserveCapacity(buckets.count / 2 + 1)
        for bucket in buckets {
            let index = newIndex(bucket)
            if var current = result.last, current.index == index {
                current.last = bucket.last
                if bucket.low.y < current.low.y { current.low = bucket.low }
                if bucket.high.y > current.high.y { current.high = bucket.high }
                for corner in bucket.corners where current.corners.count < cornerLimit { current.corners.append(corner) }
                result[result.count - 1] = current
            } else {
                var copy = bucket
                copy.index = index
                result.append(copy)
            }
        }
        return result
    }

    /// The kept points in iteration order, reduced to at most one bucket per `column` iterations (a pixel
    /// column's worth; 0 or less keeps every bucket). Each point appears once.
    func points(columnWidth column: Double = 0) -> [Point] {
        var source = buckets
        if let held {
            source.append(Bucket(index: held.x / width, first: held, last: held, low: held, high: held, corners: [held]))
        }
        if column > Double(width) {
            source = Self.merged(source, cornerLimit: cornerLimit) { Int((Double($0.first.x) / column).rounded(.down)) }
        }
        var result: [Point] = []
        result.reserveCapacity(source.count * 4)
        for bucket in source {
            var chosen = [bucket.first, bucket.low, bucket.high, bucket.last] + bucket.corners
            chosen.sort { $0.x < $1.x }
            for point in chosen where result.last.map({ $0.x != point.x }) ?? true {
                result.append(point)
            }
        }
        return result
    }
}
