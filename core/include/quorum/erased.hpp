// A value of some protocol's type, behind a type-free face: what code that
// serves every protocol (the simulator, the stores, the dashboard) holds of a
// protocol's config or durable state without naming the protocol.
//
// It copies and compares like the value it holds (copies are deep, == compares
// the held values), and it knows the held value's protocol by name. Only code
// that knows the protocol gets at the value: get<T>() is null for another type.
// `Kind` only keeps the uses apart (a config is not a durable state).
#pragma once

#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>

#include "quorum/clone_ptr.hpp"
#include "quorum/type_tag.hpp"

namespace quorum {

template <typename Kind>
class Erased {
  public:
    Erased() = default;  // holds nothing: empty()

    template <typename T>
    static Erased of(std::string_view protocol, T value) {
        Erased erased;
        erased.protocol_ = protocol;
        erased.held_ = ClonePtr<Base>(std::make_unique<Held<T>>(std::move(value)));
        return erased;
    }

    bool empty() const { return held_ == nullptr; }
    // The protocol's name, as its descriptor gives it (kName).
    std::string_view protocol() const { return protocol_; }

    template <typename T>
    const T* get() const {
        return holds<T>() ? &static_cast<const Held<T>*>(held_.get())->value : nullptr;
    }
    template <typename T>
    T* get() {
        return holds<T>() ? &static_cast<Held<T>*>(held_.get())->value : nullptr;
    }

    friend bool operator==(const Erased& a, const Erased& b) {
        if (a.held_ == nullptr || b.held_ == nullptr) {
            return a.held_ == nullptr && b.held_ == nullptr;
        }
        return a.protocol_ == b.protocol_ && a.held_->equals(*b.held_);
    }

  private:
    struct Base {
        virtual ~Base() = default;
        virtual std::unique_ptr<Base> clone() const = 0;
        virtual bool equals(const Base& other) const = 0;
        virtual const void* tag() const = 0;  // type_tag<T>() of the held T
    };
    template <typename T>
    struct Held final : Base {
        explicit Held(T held) : value(std::move(held)) {}
        std::unique_ptr<Base> clone() const override { return std::make_unique<Held>(value); }
        bool equals(const Base& other) const override {
            return other.tag() == tag() && static_cast<const Held&>(other).value == value;
        }
        const void* tag() const override { return type_tag<T>(); }
        T value;
    };

    template <typename T>
    bool holds() const {
        return held_ != nullptr && held_->tag() == type_tag<T>();
    }

    ClonePtr<Base> held_;  // copied deep, first: a throwing copy changes nothing
    std::string_view protocol_;
};

}  // namespace quorum
