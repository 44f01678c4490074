// Package fsm is a table-driven state machine that uses method values.
package fsm

import (
	"fmt"
	"strings"
)

// State is a machine state.
type State uint8

const (
	Idle State = iota
	Running
	Paused
	Stopped
)

var stateNames = [...]string{"idle", "running", "paused", "stopped"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// Event drives transitions.
type Event string

type transition struct {
	from State
	ev   Event
}

// Machine is a state machine with a history.
type Machine struct {
	state   State
	table   map[transition]func() State
	history []State
	log     func(format string, args ...any)
}

// NewMachine builds the transition table from method values.
func NewMachine(log func(string, ...any)) *Machine {
	m := &Machine{log: log}
	m.table = map[transition]func() State{
		{Idle, "start"}:    m.start,
		{Running, "pause"}: m.pause,
		{Paused, "resume"}: m.start,
		{Running, "stop"}:  m.stop,
		{Paused, "stop"}:   m.stop,
	}
	return m
}

func (m *Machine) start() State { return Running }
func (m *Machine) pause() State { return Paused }
func (m *Machine) stop() State  { return Stopped }

// Fire applies an event.
func (m *Machine) Fire(ev Event) error {
	f, ok := m.table[transition{m.state, ev}]
	if !ok {
		return fmt.Errorf("fsm: no transition from %v on %q", m.state, ev)
	}
	m.history = append(m.history, m.state)
	next := f()
	if m.log != nil {
		m.log("%v --%s--> %v", m.state, ev, next)
	}
	m.state = next
	return nil
}

// State returns the current state.
func (m *Machine) State() State { return m.state }

// History renders the visited states.
func (m *Machine) History() string {
	names := make([]string, len(m.history))
	for i, s := range m.history {
		names[i] = s.String()
	}
	return strings.Join(names, ",")
}

// Run fires events until one fails.
func Run(events []Event) (State, []error) {
	var errs []error
	var lines []string
	m := NewMachine(func(format string, args ...any) {
		lines = append(lines, fmt.Sprintf(format, args...))
	})
	fire := m.Fire
	for _, ev := range events {
		if err := fire(ev); err != nil {
			errs = append(errs, err)
		}
	}
	_ = lines
	return m.State(), errs
}
