/// One row of the timeline: marks at iterations (a checkpoint saved, an evaluation, a best checkpoint), some
/// crossed out (the file was removed later).
///
/// Marks are kept exactly until there are more than `capacity` of them; then marks of one kind that fall in
/// the same bucket of `width` iterations merge (the first stays) and the width doubles until at most half
/// the capacity is left (so merging happens a logarithmic number of times, not at every mark). A
/// timeline drawn at one bucket per pixel column loses nothing visible, and a run that saves every
/// iteration for a million iterations holds at most `capacity` marks.
struct MarkerLane: Sendable {
    /// What a mark shows.
    enum Kind: Int, Sendable, Comparable {
        /// Something happened here (saved, evaluated).
        case event = 0
        /// The file saved here was removed later.
        case removed = 1

        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One mark.
    struct Mark: Sendable, Equatable {
        /// The iteration.
        var x: Int
        /// What it shows.
        var kind: Kind
    }

    /// How many marks are kept before they merge.
    let capacity: Int
    /// Iterations per bucket once marks merge (1: exact).
    private(set) var width = 1
    private(set) var marks: [Mark] = []
    /// Iterations per step number of the saves seen (`epoch_3.pth` at iteration 30: 10), learnt from the first
    /// save whose iteration is a multiple of its step; used to place removals, which name a step.
    private(set) var iterationsPerStep: Int?

    /// Creates an empty lane.
    init(capacity: Int = 4096) {
        self.capacity = max(2, capacity)
    }

    /// Records an event at iteration `x`; `step` is the 1-based epoch or iteration it names, when it names one.
    mutating func event(at x: Int, step: Int? = nil) {
        if iterationsPerStep == nil, let step, step > 0, x > 0, x % step == 0 { iterationsPerStep = x / step }
        append(Mark(x: x, kind: .event))
    }

    /// Records that the file saved for `step` was removed (at iteration `x`, when its step cannot be placed).
    mutating func removal(step: Int, at x: Int) {
        let place = iterationsPerStep.map { step * $0 } ?? x
        append(Mark(x: place, kind: .removed))
    }

    private mutating func append(_ mark: Mark) {
        if width > 1, let last = marks.last, last.kind == mark.kind, last.x / width == mark.x / width { return }
        marks.append(mark)
        if marks.count > capacity { compact() }
    }

    /// Merges marks by bucket, doubling the width until they fit.
    private mutating func compact() {
        while true {
            var seen: [Mark] = []
            seen.reserveCapacity(marks.count)
            for mark in marks.sorted(by: { ($0.x / width, $0.kind, $0.x) < ($1.x / width, $1.kind, $1.x) }) {
                if let last = seen.last, last.kind == mark.kind, last.x / width == mark.x / width { continue }
                seen.append(mark)
            }
            marks = seen
            if marks.count <= capacity / 2 { return }
            width *= 2
        }
    }

    /// The marks in iteration order (events before removals at one iteration), one per kind and iteration.
    func sortedMarks() -> [Mark] {
        var result: [Mark] = []
        for mark in marks.sorted(by: { ($0.x, $0.kind) < ($1.x, $1.kind) }) where result.last != mark {
            result.append(mark)
        }
        return result
    }
}
