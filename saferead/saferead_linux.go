package saferead

import (
	"os"

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

func pseudoFS(f *os.File) error {
	var s unix.Statfs_t
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = unix.Fstatfs(int(fd), &s) }); err != nil {
		return err
	}
	if serr != nil {
		return serr
	}
	if name, ok := pseudo[int64(s.Type)]; ok {
		return &PseudoFSError{FS: name}
	}
	return nil
}
