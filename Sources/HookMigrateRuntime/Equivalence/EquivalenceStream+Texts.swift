/// Keeping the comparison's text pool bounded: every text an event carries is interned (file names of
/// checkpoints among them, one per save), so a long run would grow the pool without end. Once it has grown
/// past twice what was alive at the last compaction (and at least `textPoolFloor` texts), it is rebuilt
/// with only the texts still referred to: by waiting events, the context ring, the log-repeat rule's last
/// record and R8's set-aside best files.
extension EquivalenceStream {
    /// The pool size below which it is never compacted.
    static let textPoolFloor = 1024

    /// Compacts the pool when it has outgrown its limit. Called before a new event's text is interned.
    mutating func compactTextsIfNeeded() {
        guard texts.texts.count > textLimit else { return }
        var pool = TextPool()
        var renamed: [Int32: Int32] = [:]
        func keep(_ id: Int32) -> Int32 {
            guard id >= 0 else { return id }
            if let new = renamed[id] { return new }
            let new = pool.intern(texts[id] ?? "")
            renamed[id] = new
            return new
        }
        // "train" keeps its id (interned first at the start, and first again here).
        _ = keep(trainText)
        for index in queues.indices { queues[index].update { $0.text = keep($0.text) } }
        for index in recent.indices { recent[index].text = keep(recent[index].text) }
        for side in lastLog.indices {
            if let last = lastLog[side] { lastLog[side] = (last.iter, last.step, keep(last.text)) }
        }
        droppedZeroBest = Set(droppedZeroBest.map(keep))
        texts = pool
        textLimit = Swift.max(Self.textPoolFloor, 2 * pool.texts.count)
    }
}
