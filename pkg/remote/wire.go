package remote

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
)

// FormatVersion is the version of the wire format this package speaks
// (see the package documentation). A worker refuses a request of another
// version with an error reply.
const FormatVersion = 1

// The first 12 bytes of every message are the same in every format
// version: magic "OL", kind, format version, request id (uint64 LE).
const (
	kindRequest = 'Q'
	kindReply   = 'R'
	headerLen   = 12
	maxDim      = 1 << 24
	maxName     = 255
	maxMsg      = 1024
)

// Reply status codes.
const (
	statusOK         = 0 // Value holds f(x)
	statusObjective  = 1 // the objective failed (panicked) at x: not retried
	statusBadRequest = 2 // refused: malformed request or unsupported format version
	statusProblem    = 3 // refused: the worker serves another problem
	statusVersion    = 4 // refused: the worker serves another version of the problem
	statusDim        = 5 // refused: the worker serves another dimension
	statusBusy       = 6 // the request reached a worker slot already taken: send again
)

// request is one point to evaluate.
type request struct {
	ID      uint64
	Problem string
	Version string
	X       []float64
}

// reply is a worker's answer to one request.
type reply struct {
	ID     uint64
	XSum   uint64 // checksum of the request's x, see xsum
	Status byte
	Value  float64
	Msg    string // error message (status ≠ OK)
	Worker string // the worker's name
}

func putHeader(b []byte, kind byte, id uint64) []byte {
	b = append(b, 'O', 'L', kind, FormatVersion)
	return binary.LittleEndian.AppendUint64(b, id)
}

func appendRequest(b []byte, r *request) []byte {
	b = putHeader(b, kindRequest, r.ID)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(r.X)))
	b = append(b, byte(len(r.Problem)))
	b = append(b, r.Problem...)
	b = append(b, byte(len(r.Version)))
	b = append(b, r.Version...)
	for _, v := range r.X {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

var errShort = errors.New("message too short")

// readHeader checks the magic and kind and returns the format version and
// the id.
func readHeader(b []byte, kind byte) (version byte, id uint64, err error) {
	if len(b) < headerLen {
		return 0, 0, errShort
	}
	if b[0] != 'O' || b[1] != 'L' || b[2] != kind {
		return 0, 0, fmt.Errorf("not an optlab %c message", kind)
	}
	return b[3], binary.LittleEndian.Uint64(b[4:12]), nil
}

// reader reads little-endian fields, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = errShort
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *reader) u8() byte {
	if p := r.take(1); p != nil {
		return p[0]
	}
	return 0
}
func (r *reader) u16() int {
	if p := r.take(2); p != nil {
		return int(binary.LittleEndian.Uint16(p))
	}
	return 0
}
func (r *reader) u32() uint32 {
	if p := r.take(4); p != nil {
		return binary.LittleEndian.Uint32(p)
	}
	return 0
}
func (r *reader) u64() uint64 {
	if p := r.take(8); p != nil {
		return binary.LittleEndian.Uint64(p)
	}
	return 0
}
func (r *reader) str(n int) string { return string(r.take(n)) }

func (r *reader) end() error {
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%d trailing bytes", len(r.b))
	}
	return r.err
}

// decodeRequest parses a request of the current format version; the
// returned xbytes are the raw bits of x, for the checksum.
func decodeRequest(b []byte) (req request, xbytes []byte, err error) {
	ver, id, err := readHeader(b, kindRequest)
	if err != nil {
		return req, nil, err
	}
	req.ID = id
	if ver != FormatVersion {
		return req, nil, fmt.Errorf("unsupported format version %d (this worker speaks %d)", ver, FormatVersion)
	}
	r := reader{b: b[headerLen:]}
	dim := r.u32()
	req.Problem = r.str(int(r.u8()))
	req.Version = r.str(int(r.u8()))
	if r.err == nil && dim > maxDim {
		return req, nil, fmt.Errorf("dimension %d is too large", dim)
	}
	xbytes = r.take(8 * int(dim))
	if err := r.end(); err != nil {
		return req, nil, fmt.Errorf("malformed request: %v", err)
	}
	req.X = make([]float64, dim)
	for i := range req.X {
		req.X[i] = math.Float64frombits(binary.LittleEndian.Uint64(xbytes[8*i:]))
	}
	return req, xbytes, nil
}

func appendReply(b []byte, r *reply) []byte {
	b = putHeader(b, kindReply, r.ID)
	b = binary.LittleEndian.AppendUint64(b, r.XSum)
	b = append(b, r.Status)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.Value))
	msg := r.Msg
	if len(msg) > maxMsg {
		msg = msg[:maxMsg]
	}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(msg)))
	b = append(b, msg...)
	w := r.Worker
	if len(w) > maxName {
		w = w[:maxName]
	}
	b = append(b, byte(len(w)))
	return append(b, w...)
}

func decodeReply(b []byte) (rep reply, err error) {
	ver, id, err := readHeader(b, kindReply)
	if err != nil {
		return rep, err
	}
	if ver != FormatVersion {
		return rep, fmt.Errorf("reply in format version %d, want %d", ver, FormatVersion)
	}
	rep.ID = id
	r := reader{b: b[headerLen:]}
	rep.XSum = r.u64()
	rep.Status = r.u8()
	rep.Value = math.Float64frombits(r.u64())
	rep.Msg = r.str(r.u16())
	rep.Worker = r.str(int(r.u8()))
	if err := r.end(); err != nil {
		return rep, err
	}
	if rep.Status > statusBusy {
		return rep, fmt.Errorf("unknown reply status %d", rep.Status)
	}
	return rep, nil
}

// xsum is the FNV-1a hash of the request's dimension and the bits of x: a
// reply must carry the xsum of the point it answers.
func xsum(xbytes []byte) uint64 {
	h := fnv.New64a()
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], uint32(len(xbytes)/8))
	h.Write(n[:])
	h.Write(xbytes)
	return h.Sum64()
}
