package saferead

import (
	"io"
	"io/fs"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// pseudo names the Linux file systems whose files are the kernel's state,
// not data of a checkout (statfs f_type). devtmpfs reports tmpfs's magic,
// but its files are devices, which check refuses.
var pseudo = map[int64]string{
	unix.PROC_SUPER_MAGIC:      "proc",
	unix.SYSFS_MAGIC:           "sysfs",
	unix.DEBUGFS_MAGIC:         "debugfs",
	unix.TRACEFS_MAGIC:         "tracefs",
	unix.SECURITYFS_MAGIC:      "securityfs",
	unix.CGROUP_SUPER_MAGIC:    "cgroup",
	unix.CGROUP2_SUPER_MAGIC:   "cgroup2",
	unix.BPF_FS_MAGIC:          "bpf",
	unix.DEVPTS_SUPER_MAGIC:    "devpts",
	unix.EFIVARFS_MAGIC:        "efivarfs",
	unix.PSTOREFS_MAGIC:        "pstore",
	unix.SELINUX_MAGIC:         "selinuxfs",
	unix.SMACK_MAGIC:           "smackfs",
	unix.BINFMTFS_MAGIC:        "binfmt_misc",
	unix.NSFS_MAGIC:            "nsfs",
	unix.DEVMEM_MAGIC:          "devmem",
	unix.USBDEVICE_SUPER_MAGIC: "usbdevfs",
	unix.OPENPROM_SUPER_MAGIC:  "openpromfs",
	0x62656570:                 "configfs",
	0x65735543:                 "fusectl",
	0x19800202:                 "mqueue",
}

// readOpen opens path (a link at path refused when !follow), checks the open file (it may have been swapped
// since ReadFile's Stat: a FIFO, a device, a file of /proc) and reads at
// most max+1 bytes of it. It works on the descriptor directly: an os.File
// opened non-blocking is registered with Go's poller, and the first one of
// a run starts the poller itself (an epoll instance, an eventfd and a
// thread woken for it), a measurable part of linting one small root
// (issue 19). The descriptor is opened with O_NONBLOCK, so a FIFO swapped
// in cannot block the open; reads of a regular file ignore the flag.
func readOpen(path string, max int64, follow bool) ([]byte, fs.FileInfo, error) {
	var fd int
	var err error
	flags := unix.O_RDONLY | unix.O_NONBLOCK | unix.O_CLOEXEC
	if !follow {
		flags |= unix.O_NOFOLLOW
	}
	for {
		fd, err = unix.Open(path, flags, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err == unix.ELOOP && !follow {
		return nil, nil, ErrLink
	}
	if err != nil {
		return nil, nil, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, nil, err
	}
	info := newStatInfo(path, &st)
	if err := check(info, max); err != nil {
		return nil, nil, err
	}
	var sfs unix.Statfs_t
	if err := unix.Fstatfs(fd, &sfs); err != nil {
		return nil, nil, err
	}
	if name, ok := pseudo[int64(sfs.Type)]; ok {
		return nil, nil, &PseudoFSError{FS: name}
	}
	data, err := ReadAll(io.LimitReader(fdReader(fd), max+1), info.Size())
	return data, info, err
}

// fdReader reads a descriptor; 0 bytes is the end of the file.
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		n, err := unix.Read(int(fd), p)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

// statInfo is the fs.FileInfo of an fstat, with the mode bits os.Stat
// would give.
type statInfo struct {
	name string
	st   unix.Stat_t
}

func newStatInfo(path string, st *unix.Stat_t) *statInfo {
	return &statInfo{name: filepath.Base(path), st: *st}
}

func (s *statInfo) Name() string       { return s.name }
func (s *statInfo) Size() int64        { return s.st.Size }
func (s *statInfo) IsDir() bool        { return s.Mode().IsDir() }
func (s *statInfo) Sys() any           { return &s.st }
func (s *statInfo) ModTime() time.Time { return time.Unix(s.st.Mtim.Unix()) }
func (s *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(s.st.Mode & 0o777)
	switch s.st.Mode & unix.S_IFMT {
	case unix.S_IFBLK:
		m |= fs.ModeDevice
	case unix.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFDIR:
		m |= fs.ModeDir
	case unix.S_IFIFO:
		m |= fs.ModeNamedPipe
	case unix.S_IFLNK:
		m |= fs.ModeSymlink
	case unix.S_IFSOCK:
		m |= fs.ModeSocket
	}
	if s.st.Mode&unix.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if s.st.Mode&unix.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if s.st.Mode&unix.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
