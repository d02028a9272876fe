package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/omslint/omslint/atomicfile"
	"github.com/omslint/omslint/config"
	"github.com/omslint/omslint/failure"
	"github.com/omslint/omslint/magento"
)

func newInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented starter .omslint.yaml",
		Long: `Write a commented starter .omslint.yaml into DIR, or else into the Magento root
containing the current folder, or else the current folder. An existing file is
kept unless --force is given.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
				st, err := os.Stat(dir)
				if err != nil {
					return failure.PathInput(dir, err)
				}
				if !st.IsDir() {
					return &failure.InputError{Path: dir, Err: errors.New("not a folder: give the folder to write .omslint.yaml into")}
				}
				// lint reads the root's .omslint.yaml, not one in app/etc.
				if err := magento.InsideRootError(dir, "init "); err != nil {
					return err
				}
			} else if root, err := magento.ResolveRoot(""); err == nil {
				dir = root
			}
			path := filepath.Join(dir, config.FileName)
			// Written atomically; --force replaces a symlink at the path
			// instead of writing through it.
			var err error
			if force {
				err = atomicfile.ReplaceFile(path, []byte(config.Starter()), 0o644)
			} else {
				err = atomicfile.Create(path, []byte(config.Starter()), 0o644)
			}
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s already exists: keep it, or overwrite it with --force", path)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: edit the examples, then run omslint lint\n", path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing .omslint.yaml")
	return cmd
}
