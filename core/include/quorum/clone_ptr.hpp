// An owning pointer that copies what it points to, through T::clone(): a
// class holding a polymorphic part (the simulator's NodeHost, an erased
// value) then copies as a value with its default copy operations, and no
// member list is written out by hand.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

namespace quorum {

template <typename T>
class ClonePtr {
  public:
    ClonePtr() = default;
    explicit ClonePtr(std::unique_ptr<T> owned) : owned_(std::move(owned)) {}

    ClonePtr(const ClonePtr& other) : owned_(other.owned_ ? other.owned_->clone() : nullptr) {}
    ClonePtr& operator=(const ClonePtr& other) {
        if (this != &other) {
            ClonePtr copy(other);  // a throwing clone leaves this as it was
            owned_ = std::move(copy.owned_);
        }
        return *this;
    }
    ClonePtr(ClonePtr&&) noexcept = default;
    ClonePtr& operator=(ClonePtr&&) noexcept = default;
    ~ClonePtr() = default;

    T* get() const { return owned_.get(); }
    T& operator*() const { return *owned_; }
    T* operator->() const { return owned_.get(); }
    friend bool operator==(const ClonePtr& pointer, std::nullptr_t) {
        return pointer.owned_ == nullptr;
    }

  private:
    std::unique_ptr<T> owned_;
};

}  // namespace quorum
