/// The reference PDQ's box filter (`box1DFloat`, two passes along rows then columns), computed bit for bit but
/// faster than the reference's loops.
///
/// Each output is the mean of a window centred on it, shrunk at the ends; the running sum is kept in `Float` and
/// updated in exactly the reference's order, which is what makes the hash bit-exact. Three things make it fast
/// without changing a single operation on any value:
/// - **Lanes**: eight rows (or columns) are filtered at once in `SIMD8<Float>` lanes; each lane sees the same
///   additions, subtractions and divisions in the same order as the reference's scalar walk.
/// - **Memory order**: the column pass sweeps the image row by row with one running sum per column, where the
///   reference strides down each column and misses the cache on every pixel.
/// - **Only what is sampled**: decimation to 64×64 reads 64 rows of 64 columns of the second pass, so the second
///   row pass writes only those 64 columns and the second column pass runs only on them (the running sums still
///   cover every pixel, as they must).
enum JaroszFilter {
    /// Phases of `box1DFloat` for a vector of `length` and a window of `window`.
    struct Phases {
        let accumulate: Int
        let growing: Int
        let full: Int
        let shrinking: Int

        init(length: Int, window: Int) {
            let half = (window + 2) / 2
            accumulate = max(half - 1, 0)
            growing = max(window - half + 1, 0)
            full = max(length - window, 0)
            shrinking = max(half - 1, 0)
        }
    }

    /// The 64×64 grid PDQ hashes: `luma` (consumed as scratch) filtered twice and sampled at pixel centres.
    static func downsample(_ luma: inout [Float], rows: Int, columns: Int) -> [Float] {
        let rowWindow = (columns + 127) / 128
        let columnWindow = (rows + 127) / 128
        let sampledRows = (0..<64).map { Int((Double($0) + 0.5) * Double(rows) / 64) }
        let sampledColumns = (0..<64).map { Int((Double($0) + 0.5) * Double(columns) / 64) }
        var scratch = [Float](unsafeUninitializedCapacity: luma.count) { _, count in count = luma.count }
        // Pass 1: every pixel.
        boxAlongRows(luma, into: &scratch, rows: rows, columns: columns, window: rowWindow, keeping: nil)
        boxAlongColumns(scratch, into: &luma, rows: rows, columns: columns, window: columnWindow, keeping: nil)
        // Pass 2: only the sampled columns, then only the sampled rows of them.
        var kept = [Float](unsafeUninitializedCapacity: rows * 64) { _, count in count = rows * 64 }
        boxAlongRows(luma, into: &kept, rows: rows, columns: columns, window: rowWindow, keeping: sampledColumns)
        var grid = [Float](repeating: 0, count: 64 * 64)
        boxAlongColumns(kept, into: &grid, rows: rows, columns: 64, window: columnWindow, keeping: sampledRows)
        return grid
    }

    /// Filters each row. With `keeping`, writes only those columns, as rows of `keeping.count` values.
    static func boxAlongRows(
        _ input: [Float], into output: inout [Float], rows: Int, columns: Int, window: Int, keeping: [Int]?
    ) {
        let phases = Phases(length: columns, window: window)
        // Column → position in the output row, or -1 when the column is not kept.
        var slot = [Int](repeating: keeping == nil ? 0 : -1, count: columns)
        if let keeping {
            for (position, column) in keeping.enumerated() where slot[column] < 0 { slot[column] = position }
        } else {
            for column in 0..<columns { slot[column] = column }
        }
        let width = keeping?.count ?? columns
        let duplicates = keeping.map { Self.duplicates(in: $0) } ?? []
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                slot.withUnsafeBufferPointer { slot in
                    var row = 0
                    while row + 8 <= rows {
                        laneRows(
                            input, output, slot, firstRow: row, columns: columns, width: width, phases: phases)
                        row += 8
                    }
                    while row < rows {
                        scalarRow(input, output, slot, row: row, columns: columns, width: width, phases: phases)
                        row += 1
                    }
                }
            }
        }
        // A column sampled twice (images under 64 columns) is copied from its first sampling.
        for row in 0..<rows {
            for (position, first) in duplicates { output[row * width + position] = output[row * width + first] }
        }
    }

    /// Eight rows at once, one per lane.
    @inline(__always)
    private static func laneRows(
        _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>,
        _ slot: UnsafeBufferPointer<Int>, firstRow: Int, columns: Int, width: Int, phases: Phases
    ) {
        guard let source = input.baseAddress, let target = output.baseAddress else { return }
        let first = source + firstRow * columns
        let c = columns
        @inline(__always) func load(_ x: Int) -> SIMD8<Float> {
            let p = first + x
            return SIMD8(p[0], p[c], p[2 * c], p[3 * c], p[4 * c], p[5 * c], p[6 * c], p[7 * c])
        }
        let outFirst = target + firstRow * width
        @inline(__always) func store(_ x: Int, _ value: SIMD8<Float>) {
            let position = slot[x]
            guard position >= 0 else { return }
            let p = outFirst + position
            p[0] = value[0]
            p[width] = value[1]
            p[2 * width] = value[2]
            p[3 * width] = value[3]
            p[4 * width] = value[4]
            p[5 * width] = value[5]
            p[6 * width] = value[6]
            p[7 * width] = value[7]
        }
        var sum = SIMD8<Float>(repeating: 0)
        var size = 0
        var left = 0
        var right = 0
        var out = 0
        for _ in 0..<phases.accumulate {
            sum += load(right)
            size &+= 1
            right &+= 1
        }
        for _ in 0..<phases.growing {
            sum += load(right)
            size &+= 1
            store(out, sum / SIMD8(repeating: Float(size)))
            right &+= 1
            out &+= 1
        }
        let divisor = SIMD8<Float>(repeating: Float(size))
        for _ in 0..<phases.full {
            sum += load(right)
            sum -= load(left)
            store(out, sum / divisor)
            left &+= 1
            right &+= 1
            out &+= 1
        }
        for _ in 0..<phases.shrinking {
            sum -= load(left)
            size &-= 1
            store(out, sum / SIMD8(repeating: Float(size)))
            left &+= 1
            out &+= 1
        }
    }

    /// One row, as the reference walks it.
    @inline(__always)
    private static func scalarRow(
        _ input: UnsafeBufferPointer<Float>, _ output: UnsafeMutableBufferPointer<Float>,
        _ slot: UnsafeBufferPointer<Int>, row: Int, columns: Int, width: Int, phases: Phases
    ) {
        let base = row * columns
        let outBase = row * width
        @inline(__always) func store(_ x: Int, _ value: Float) {
            let position = slot[x]
            if position >= 0 { output[outBase + position] = value }
        }
        var sum: Float = 0
        var size = 0
        var left = base
        var right = base
        var out = 0
        for _ in 0..<phases.accumulate {
            sum += input[right]
            size &+= 1
            right &+= 1
        }
        for _ in 0..<phases.growing {
            sum += input[right]
            size &+= 1
            store(out, sum / Float(size))
            right &+= 1
            out &+= 1
        }
        for _ in 0..<phases.full {
            sum += input[right]
            sum -= input[left]
            store(out, sum / Float(size))
            left &+= 1
            right &+= 1
            out &+= 1
        }
        for _ in 0..<phases.shrinking {
            sum -= input[left]
            size &-= 1
            store(out, sum / Float(size))
            left &+= 1
            out &+= 1
        }
    }

    /// Filters each column, sweeping rows in memory order. With `keeping`, writes only those rows, in order.
    static func boxAlongColumns(
        _ input: [Float], into output: inout [Float], rows: Int, columns: Int, window: Int, keeping: [Int]?
    ) {
        let phases = Phases(length: rows, window: window)
        var slot = [Int](repeating: keeping == nil ? 0 : -1, count: rows)
        if let keeping {
            for (position, row) in keeping.enumerated() where slot[row] < 0 { slot[row] = position }
        } else {
            for row in 0..<rows { slot[row] = row }
        }
        let duplicates = keeping.map { Self.duplicates(in: $0) } ?? []
        var sums = [Float](repeating: 0, count: columns)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                sums.withUnsafeMutableBufferPointer { sums in
                    let sweep = ColumnSweep(input: input, output: output, sums: sums, columns: columns)
                    var size = 0
                    var left = 0
                    var right = 0
                    var out = 0
                    for _ in 0..<phases.accumulate {
                        sweep.add(row: right)
                        size &+= 1
                        right &+= 1
                    }
                    for _ in 0..<phases.growing {
                        size &+= 1
                        sweep.add(row: right, dividedBy: Float(size), into: slot[out])
                        right &+= 1
                        out &+= 1
                    }
                    for _ in 0..<phases.full {
                        sweep.slide(adding: right, removing: left, dividedBy: Float(size), into: slot[out])
                        left &+= 1
                        right &+= 1
                        out &+= 1
                    }
                    for _ in 0..<phases.shrinking {
                        size &-= 1
                        sweep.remove(row: left, dividedBy: Float(size), into: slot[out])
                        left &+= 1
                        out &+= 1
                    }
                }
            }
        }
        // A row sampled twice (images under 64 rows) is copied from its first sampling.
        for (position, first) in duplicates {
            for column in 0..<columns { output[position * columns + column] = output[first * columns + column] }
        }
    }

    /// Positions in `keeping` that repeat an earlier value, with the earlier position.
    private static func duplicates(in keeping: [Int]) -> [(position: Int, first: Int)] {
        var first: [Int: Int] = [:]
        var repeats: [(Int, Int)] = []
        for (position, value) in keeping.enumerated() {
            if let earlier = first[value] { repeats.append((position, earlier)) } else { first[value] = position }
        }
        return repeats
    }
}

/// One step of the column pass over every column, eight columns per `SIMD8` lane group.
private struct ColumnSweep {
    let input: UnsafeBufferPointer<Float>
    let output: UnsafeMutableBufferPointer<Float>
    let sums: UnsafeMutableBufferPointer<Float>
    let columns: Int

    private var lanes: Int { columns / 8 * 8 }

    @inline(__always)
    private func vector(_ pointer: UnsafePointer<Float>, _ column: Int) -> SIMD8<Float> {
        UnsafeRawPointer(pointer + column).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private func write(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>, _ column: Int) {
        UnsafeMutableRawPointer(pointer + column).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    func add(row: Int) {
        guard let source = input.baseAddress, let sum = sums.baseAddress else { return }
        let line = source + row * columns
        var column = 0
        while column < lanes {
            write(vector(sum, column) + vector(line, column), sum, column)
            column &+= 8
        }
        while column < columns {
            sum[column] += line[column]
            column &+= 1
        }
    }

    func add(row: Int, dividedBy divisor: Float, into slot: Int) {
        guard slot >= 0 else { return add(row: row) }
        guard let source = input.baseAddress, let sum = sums.baseAddress, let target = output.baseAddress else {
            return
        }
        let line = source + row * columns
        let out = target + slot * columns
        let lanesDivisor = SIMD8<Float>(repeating: divisor)
        var column = 0
        while column < lanes {
            let value = vector(sum, column) + vector(line, column)
            write(value, sum, column)
            write(value / lanesDivisor, out, column)
            column &+= 8
        }
        while column < columns {
            sum[column] += line[column]
            out[column] = sum[column] / divisor
            column &+= 1
        }
    }

    func slide(adding added: Int, removing removed: Int, dividedBy divisor: Float, into slot: Int) {
        guard let source = input.baseAddress, let sum = sums.baseAddress, let target = output.baseAddress else {
            return
        }
        let addedLine = source + added * columns
        let removedLine = source + removed * columns
        let lanesDivisor = SIMD8<Float>(repeating: divisor)
        var column = 0
        if slot >= 0 {
            let out = target + slot * columns
            while column < lanes {
                let value = vector(sum, column) + vector(addedLine, column) - vector(removedLine, column)
                write(value, sum, column)
                write(value / lanesDivisor, out, column)
                column &+= 8
            }
            while column < columns {
                sum[column] += addedLine[column]
                sum[column] -= removedLine[column]
                out[column] = sum[column] / divisor
                column &+= 1
            }
        } else {
            while column < lanes {
                write(vector(sum, column) + vector(addedLine, column) - vector(removedLine, column), sum, column)
                column &+= 8
            }
            while column < columns {
                sum[column] += addedLine[column]
                sum[column] -= removedLine[column]
                column &+= 1
            }
        }
    }

    func remove(row: Int, dividedBy divisor: Float, into slot: Int) {
        guard let source = input.baseAddress, let sum = sums.baseAddress, let target = output.baseAddress else {
            return
        }
        let line = source + row * columns
        let lanesDivisor = SIMD8<Float>(repeating: divisor)
        var column = 0
        if slot >= 0 {
            let out = target + slot * columns
            while column < lanes {
                let value = vector(sum, column) - vector(line, column)
                write(value, sum, column)
                write(value / lanesDivisor, out, column)
                column &+= 8
            }
            while column < columns {
                sum[column] -= line[column]
                out[column] = sum[column] / divisor
                column &+= 1
            }
        } else {
            while column < lanes {
                write(vector(sum, column) - vector(line, column), sum, column)
                column &+= 8
            }
            while column < columns {
                sum[column] -= line[column]
                column &+= 1
            }
        }
    }
}
